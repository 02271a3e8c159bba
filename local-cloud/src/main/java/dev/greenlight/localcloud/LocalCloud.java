package dev.greenlight.localcloud;

import dev.greenlight.localcloud.cloudwatch.LocalCloudWatch;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.ecs.LocalEcs;
import dev.greenlight.localcloud.elb.LocalElb;
import dev.greenlight.localcloud.process.ChildProcesses;
import dev.greenlight.localcloud.process.TaskJvm;
import dev.greenlight.statemachine.LocalAws;

import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The local stand-ins wired together: ECR images run as ECS tasks (child processes) behind the
 * ALB, whose metrics CloudWatch serves. Closing it stops every task process.
 */
public final class LocalCloud implements AutoCloseable {

    /**
     * @param region           the region in ARNs and image URIs
     * @param accountId        the account in ARNs and image URIs
     * @param dataDir          ECR images, task logs and helper files live here
     * @param timing           how long an AWS second lasts locally (health checks, draining, stop timeouts)
     * @param idleTimeout      the ALB idle timeout: a target that takes longer gets a 504
     * @param taskStartTimeout how long a task may take to listen before it counts as failed to start
     * @param metricRetention  how long CloudWatch keeps samples
     * @param alarms           the metric-threshold alarms CloudWatch evaluates, as PutMetricAlarm requests
     * @param fastStartDir     where pushed Spring Boot jars are prepared to start as the container image does
     *                         ({@link dev.greenlight.localcloud.process.FastStarts}), shared by the machine's local
     *                         clouds; null: every task starts as a plain {@code java -jar}
     */
    public record Config(String region, String accountId, Path dataDir, Timing timing, Duration idleTimeout,
                         Duration taskStartTimeout, Duration metricRetention, List<PutMetricAlarmRequest> alarms,
                         Path fastStartDir) {

        /** The machine's prepared jars, in its temporary directory: a cache any run may rebuild. */
        public static final Path FAST_START_DIR = Path.of(System.getProperty("java.io.tmpdir"), "greenlight-fast-start");

        /** AWS's defaults (real-time seconds, 60 s idle timeout, no alarms) under {@code dataDir}, with fast starts. */
        public static Config defaults(Path dataDir) {
            return new Config(LocalAws.REGION, LocalAws.ACCOUNT, dataDir, Timing.REAL, Duration.ofSeconds(60),
                    Duration.ofSeconds(120), Duration.ofHours(3), List.of(), FAST_START_DIR);
        }

        public Config withTiming(Timing newTiming) {
            return new Config(region, accountId, dataDir, newTiming, idleTimeout, taskStartTimeout, metricRetention, alarms,
                    fastStartDir);
        }

        public Config withIdleTimeout(Duration newIdleTimeout) {
            return new Config(region, accountId, dataDir, timing, newIdleTimeout, taskStartTimeout, metricRetention, alarms,
                    fastStartDir);
        }

        public Config withAlarms(List<PutMetricAlarmRequest> newAlarms) {
            return new Config(region, accountId, dataDir, timing, idleTimeout, taskStartTimeout, metricRetention, newAlarms,
                    fastStartDir);
        }

        public Config withFastStartDir(Path newFastStartDir) {
            return new Config(region, accountId, dataDir, timing, idleTimeout, taskStartTimeout, metricRetention, alarms,
                    newFastStartDir);
        }

        public String registry() {
            return accountId + ".dkr.ecr." + region + ".amazonaws.com";
        }
    }

    private final ChildProcesses children;
    private final MetricStore metrics;
    private final LocalEcr ecr;
    private final LocalElb elb;
    private final LocalEcs ecs;
    private final LocalCloudWatch cloudWatch;

    public LocalCloud(Config config) {
        this.children = config.fastStartDir() == null ? new ChildProcesses(config.dataDir().resolve("run"))
                : new ChildProcesses(config.dataDir().resolve("run"), TaskJvm.find(), config.fastStartDir());
        this.metrics = new MetricStore(Clock.systemUTC(), config.metricRetention());
        this.ecr = new LocalEcr(config.dataDir().resolve("ecr"), config.registry());
        // as a container image is built with its start prepared, a pushed jar is prepared as it lands
        ecr.onPush(image -> children.prepare(image.jar()));
        this.elb = new LocalElb(config.region(), config.accountId(), config.timing(), config.idleTimeout(), metrics);
        this.ecs = new LocalEcs(config.region(), config.accountId(), children, ecr, elb, config.timing(),
                config.dataDir().resolve("logs"), config.taskStartTimeout());
        this.cloudWatch = new LocalCloudWatch(metrics, config.region(), config.accountId());
        config.alarms().forEach(cloudWatch::putMetricAlarm);
    }

    public LocalEcr ecr() {
        return ecr;
    }

    public LocalEcs ecs() {
        return ecs;
    }

    public LocalElb elb() {
        return elb;
    }

    public LocalCloudWatch cloudWatch() {
        return cloudWatch;
    }

    public MetricStore metrics() {
        return metrics;
    }

    public ChildProcesses children() {
        return children;
    }

    @Override
    public void close() {
        ecs.close();
        children.close();
        elb.close();
    }
}
