package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.cloudwatch.CloudWatchApiServer;
import dev.greenlight.statemachine.engine.Execution;

/**
 * The whole release pipeline on one machine, as {@code ./greenlight up} runs it: the local ECR, ECS, ALB (the
 * blog's listener and the test listener) and CloudWatch; the release functions served over HTTP; the local
 * Step Functions running {@code release.asl.json} behind its AWS API; EventBridge with the ECR push rule; a
 * control API for pushes; and Lambda's Invoke API for the functions operators invoke. The Releases and BlogPosts tables are in dynalite, whose data survives restarts
 * with the ECR images. At start it ends what the previous run left unfinished ({@link StartupRecovery}) and
 * releases the last released version again, or the current build the first time ({@link StartupRelease}),
 * then writes {@code cloud.json}, which tells the CLI where everything is.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSystem.class);

    private final SystemConfig config;
    private final Shutdown shutdown;
    private final Infrastructure infrastructure;
    private final ReleaseMachine machine;
    private final ControlApi control;
    private final LambdaApi lambda;
    private final CloudWatchApiServer cloudWatchApi;
    private final StartupRelease startup;

    /** Starts each part on what the earlier ones made, each added to {@code shutdown} as it starts. */
    private LocalSystem(SystemConfig config, Shutdown shutdown) throws Exception {
        this.config = config;
        this.shutdown = shutdown;
        ReleasesStore releases = ReleasesStore.open(config.dynamoDbEndpoint(), shutdown);
        LocalCloud cloud = shutdown.add(CloudSettings.open(config.stateDir()));
        infrastructure = Infrastructure.create(cloud, config.blogPort(), config.testPort());
        StartupRecovery recovery = releases.recovery(Infrastructure.SERVICE);
        recovery.recover(Instant.now()).forEach(ended -> LOG.info("release {} was interrupted: {} ({})",
                ended.releaseId(), ended.state(), ended.reason()));
        FunctionHost functions = shutdown.add(
                ReleaseFunctions.start(cloud, releases.client(), infrastructure, config));
        machine = ReleaseMachine.start(functions.endpoint(), shutdown);
        ImagePushes pushes = new ImagePushes(cloud.ecr(), functions, machine);
        control = shutdown.add(ControlApi.start(pushes));
        lambda = shutdown.add(LambdaApi.start(functions.endpoint(), ReleaseMachine.FUNCTION_TIMEOUT));
        cloudWatchApi = shutdown.add(CloudWatchApiServer.start(cloud.cloudWatch()));
        startup = new StartupRelease(recovery, cloud.ecr(), pushes, machine);
    }

    public static void main(String[] args) {
        SystemConfig config;
        try {
            config = SystemConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("greenlight: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            LocalSystem system = start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "shutdown"));
            Optional<Execution> first = system.releaseAtStart();
            system.writeCloudJson(first.orElse(null));
            LOG.info("Greenlight local system is up");
        } catch (Exception e) {
            LOG.error("the local system could not start", e);
            // the one line ./greenlight up prints
            System.err.println("greenlight: " + StartFailure.of(e));
            System.exit(2);
        }
    }

    /** Starts every service; nothing is released yet. A part that fails to start stops those started before it. */
    public static LocalSystem start(SystemConfig config) throws Exception {
        Shutdown shutdown = new Shutdown();
        try {
            return new LocalSystem(config, shutdown);
        } catch (Exception | Error e) {
            shutdown.close();
            throw e;
        }
    }

    /**
     * Releases the version that should be live: the last one released here, or else the current build.
     *
     * @return the release's execution, ended; empty when there was nothing to release
     */
    public Optional<Execution> releaseAtStart() throws InterruptedException {
        return startup.run(config.firstTag(), config.firstJar());
    }

    void writeCloudJson(Execution first) throws IOException {
        CloudJson.write(config.stateDir(), infrastructure, machine, config.dynamoDbEndpoint(), control.endpoint(),
                lambda.endpoint(), cloudWatchApi.endpoint(), first);
    }

    /** Stops everything started, in the reverse order. */
    @Override
    public void close() {
        shutdown.close();
    }
}
