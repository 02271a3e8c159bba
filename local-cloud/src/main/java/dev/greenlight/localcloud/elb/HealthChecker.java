package dev.greenlight.localcloud.elb;

import dev.greenlight.localcloud.Timing;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The balancer's background work: health checks of targets in groups that receive traffic,
 * completing deregistrations, and sampling HealthyHostCount / UnHealthyHostCount once a second.
 */
final class HealthChecker implements AutoCloseable {

    private static final long TICK_MILLIS = 100;

    private final Timing timing;
    private final AlbMetrics metrics;
    private final Supplier<Map<TargetGroup, LoadBalancer>> groupsInUse;
    private final Supplier<Iterable<TargetGroup>> allGroups;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alb-health");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = new HttpClient();
    private long lastHostCountSecond;

    HealthChecker(Timing timing, AlbMetrics metrics, Supplier<Map<TargetGroup, LoadBalancer>> groupsInUse,
                  Supplier<Iterable<TargetGroup>> allGroups) {
        this.timing = timing;
        this.metrics = metrics;
        this.groupsInUse = groupsInUse;
        this.allGroups = allGroups;
    }

    void start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("alb-health-client");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.start();
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            Map<TargetGroup, LoadBalancer> inUse = groupsInUse.get();
            for (TargetGroup group : allGroups.get()) {
                completeDeregistrations(group, now);
                if (inUse.containsKey(group)) {
                    group.targets.values().forEach(target -> checkIfDue(group, target, now));
                }
            }
            long second = System.currentTimeMillis() / 1000;
            if (second != lastHostCountSecond) {
                lastHostCountSecond = second;
                inUse.forEach((group, balancer) -> metrics.hostCounts(balancer, group,
                        group.count(TargetHealthStateEnum.HEALTHY), group.count(TargetHealthStateEnum.UNHEALTHY)));
            }
        } catch (RuntimeException e) {
            // One bad tick must not stop health checking for good; the next tick retries.
            System.getLogger(HealthChecker.class.getName()).log(System.Logger.Level.WARNING, "health check tick failed", e);
        }
    }

    private static void completeDeregistrations(TargetGroup group, long now) {
        group.targets.values().removeIf(target -> target.drained(now));
    }

    private void checkIfDue(TargetGroup group, Target target, long now) {
        if (!target.checkDue(now)) {
            return;
        }
        HealthCheckSettings settings = group.healthCheck;
        long next = now + timing.seconds(settings.intervalSeconds()).toNanos();
        client.newRequest("http://" + target.id + ":" + target.port + settings.path())
                .headers(headers -> headers.put(HttpHeader.USER_AGENT, "ELB-HealthChecker/2.0")
                        .put(HttpHeader.CONNECTION, "close"))
                // the timeout bounds the application's answer, which takes as long here as on AWS: it is not scaled
                .timeout(settings.timeoutSeconds(), TimeUnit.SECONDS)
                .send(result -> target.recordCheck(passed(result, settings), failure(result), settings, next));
    }

    private static boolean passed(Result result, HealthCheckSettings settings) {
        return result.isSucceeded() && settings.matches(result.getResponse().getStatus());
    }

    private static TargetState failure(Result result) {
        if (result.isSucceeded()) {
            return TargetState.unhealthy(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH,
                    "Health checks failed with these codes: [" + result.getResponse().getStatus() + "]");
        }
        Throwable cause = result.getFailure();
        if (cause instanceof TimeoutException) {
            return TargetState.unhealthy(TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
        }
        return TargetState.unhealthy(TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS, "Health checks failed");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the health-check client", e);
        }
    }
}
