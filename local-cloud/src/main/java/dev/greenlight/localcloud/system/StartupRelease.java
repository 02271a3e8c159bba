package dev.greenlight.localcloud.system;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.events.EcrPushEvents;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.LocalAws;
import dev.greenlight.statemachine.engine.Execution;
import tools.jackson.databind.node.ObjectNode;

/**
 * The release start-up makes: the version that should be live, the last one released here or else the current
 * build, released again. Its push event is emitted again, with the current time, so it is a new release; with
 * nothing running it goes straight to 100%.
 */
final class StartupRelease {

    /** How long start-up waits for the release to end before it reports the system up anyway. */
    private static final long WAIT_MINUTES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(StartupRelease.class);

    private final StartupRecovery recovery;
    private final LocalEcr ecr;
    private final ImagePushes pushes;
    private final ReleaseMachine machine;

    StartupRelease(StartupRecovery recovery, LocalEcr ecr, ImagePushes pushes, ReleaseMachine machine) {
        this.recovery = recovery;
        this.ecr = ecr;
        this.pushes = pushes;
        this.machine = machine;
    }

    /**
     * Releases the version that should be live and waits for it.
     *
     * @param firstTag the tag the current build is pushed under when nothing was ever released here
     * @param firstJar the current build
     * @return the release's execution, ended; empty when there was nothing to release
     */
    Optional<Execution> run(String firstTag, Path firstJar) throws InterruptedException {
        Optional<Image> image = imageToRelease(firstTag, firstJar);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode event = EcrPushEvents.of(image.get(), LocalAws.REGION, LocalAws.ACCOUNT);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        ControlApi.Publication started = machine.putEvent(event, image.get());
        if (started.executions().isEmpty()) {
            return Optional.empty();
        }
        Execution execution = machine.execution(started.executions().get(0));
        if (!execution.await(WAIT_MINUTES, TimeUnit.MINUTES)) {
            LOG.warn("the start-up release is still running after {} minutes", WAIT_MINUTES);
        }
        LOG.info("start-up release of {}: {}", image.get().tag(), execution.status());
        return Optional.of(execution);
    }

    private Optional<Image> imageToRelease(String firstTag, Path firstJar) {
        Optional<ReleaseRecord> live = recovery.lastReleased();
        if (live.isEmpty()) {
            return Optional.of(currentBuild(firstTag, firstJar));
        }
        Optional<Image> image = ecr.describeImages(Infrastructure.REPOSITORY).stream()
                .filter(candidate -> candidate.digest().equals(live.get().digest())).findFirst();
        if (image.isEmpty()) {
            LOG.warn("the last released image {} is no longer in the registry", live.get().tag());
        } else {
            LOG.info("releasing {} again, the version live when the local system last ran", image.get().tag());
        }
        return image;
    }

    /** The current build's image, pushed unless an earlier run pushed it. */
    private Image currentBuild(String tag, Path jar) {
        Image image = ecr.describeImages(Infrastructure.REPOSITORY).stream().filter(i -> i.tag().equals(tag))
                .findFirst().orElseGet(() -> pushes.push(tag, jar, Map.of()));
        LOG.info("releasing the current build as {}", image.tag());
        return image;
    }
}
