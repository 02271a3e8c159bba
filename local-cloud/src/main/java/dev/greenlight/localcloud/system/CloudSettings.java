package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.Timing;
import dev.greenlight.statemachine.LocalAws;

/** The local cloud as {@code ./greenlight up} runs it, its data (ECR images, task logs) under the state directory. */
final class CloudSettings {

    /** The local ALB and ECS run AWS's durations (health-check intervals, deregistration delay) 5 times faster. */
    private static final Timing TIMING = new Timing(Duration.ofMillis(200));

    private CloudSettings() {
    }

    /** Opens the local cloud on {@code <state>/cloud}, kept from the last run if there was one. */
    static LocalCloud open(Path stateDir) throws IOException {
        Path cloudDir = stateDir.resolve("cloud");
        Files.createDirectories(cloudDir);
        return new LocalCloud(new LocalCloud.Config(LocalAws.REGION, LocalAws.ACCOUNT, cloudDir, TIMING,
                Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofHours(3), List.of(),
                LocalCloud.Config.FAST_START_DIR));
    }
}
