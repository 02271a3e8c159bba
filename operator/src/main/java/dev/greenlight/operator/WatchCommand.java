package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * {@code watch}: redraws one release's progress every second until it ends. On a terminal each frame replaces
 * the last; otherwise a frame is printed only when it changed, so the output reads as a log.
 */
final class WatchCommand {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private final Cloud cloud;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;
    private final Executions executions;

    WatchCommand(Cloud cloud, PrintStream out, boolean terminal, Duration interval) {
        this.cloud = cloud;
        this.out = out;
        this.terminal = terminal;
        this.interval = interval;
        this.executions = new Executions(cloud.sfn, cloud.target().stateMachineArn());
    }

    /**
     * Follows the release {@code releaseId}, or else the running one, or else the newest.
     *
     * @param once print one frame instead of following
     */
    int run(String releaseId, boolean once) throws InterruptedException {
        ReleaseRecord release = Optional.ofNullable(releaseId)
                .map(id -> cloud.find(id).orElseThrow(() -> CliException.invalid("there is no release " + id + " of "
                        + cloud.target().service() + "; see ./greenlight history")))
                .or(cloud::running)
                .or(() -> cloud.recent(1).stream().findFirst())
                .orElseThrow(() -> CliException.invalid("there is no release of " + cloud.target().service()
                        + " yet; push an image to start one"));
        if (once) {
            out.print(WatchView.render(release, executions.find(release.executionId()).orElse(null), Instant.now(),
                    WatchView.Display.LIVE));
            return GreenlightCli.OK;
        }
        return follow(() -> cloud.find(release.releaseId()), release.executionId());
    }

    /**
     * Follows a release until it ends.
     *
     * @param record       finds the release's record (empty until Prepare has created it)
     * @param executionArn its execution, when known before the record is
     * @return 0 if it ended well, 2 if it was rolled back or abandoned or its execution failed
     */
    int follow(Supplier<Optional<ReleaseRecord>> record, String executionArn) throws InterruptedException {
        String last = null;
        String arn = executionArn;
        while (true) {
            // the execution first: once it has ended, the record read after it is final too
            Optional<Execution> execution = executions.find(arn);
            ReleaseRecord release = record.get().orElse(null);
            if (release != null && !Objects.equals(release.executionId(), arn)) {
                arn = release.executionId();
                execution = executions.find(arn);
            }
            Outcome outcome = outcome(release, execution.orElse(null));
            if (terminal) {
                out.print(CLEAR_SCREEN + WatchView.render(release, execution.orElse(null), Instant.now(),
                        WatchView.Display.LIVE));
            } else {
                String frame = WatchView.render(release, execution.orElse(null), Instant.now(), WatchView.Display.LOG);
                if (!frame.equals(last)) {
                    out.print((last == null ? "" : "\n") + frame);
                    last = frame;
                }
            }
            out.flush();
            if (outcome != Outcome.RUNNING) {
                return outcome == Outcome.ENDED_WELL ? GreenlightCli.OK : GreenlightCli.RELEASE_FAILED;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    enum Outcome { RUNNING, ENDED_WELL, ENDED_BADLY }

    /** A final record decides; without one, an execution that has ended does. */
    static Outcome outcome(ReleaseRecord release, Execution execution) {
        if (release != null && release.state().isFinal()) {
            return release.state() == ReleaseState.ROLLED_BACK || release.state() == ReleaseState.ABANDONED
                    || release.state() == ReleaseState.REFUSED
                    ? Outcome.ENDED_BADLY : Outcome.ENDED_WELL;
        }
        if (execution == null || execution.running()) {
            return Outcome.RUNNING;
        }
        return execution.failed() ? Outcome.ENDED_BADLY : Outcome.ENDED_WELL;
    }
}
