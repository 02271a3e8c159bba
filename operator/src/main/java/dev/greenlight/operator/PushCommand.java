package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import dev.greenlight.release.store.ReleaseRecord;

/**
 * {@code push}: publish a blog jar to the local cloud's registry under a new tag. The push emits ECR's event,
 * which starts a release; {@code --watch} follows it like {@code watch}.
 */
final class PushCommand {

    private final PrintStream out;
    private final Duration interval;
    private final boolean terminal;

    PushCommand(PrintStream out, Duration interval, boolean terminal) {
        this.out = out;
        this.interval = interval;
        this.terminal = terminal;
    }

    /** Sends {@code request} to the local cloud {@code target}; with {@code watch}, follows the release it starts. */
    int run(PushRequest request, Target target, boolean watch) throws InterruptedException {
        if (target.controlEndpoint() == null) {
            throw CliException.invalid("cloud.json has no controlEndpoint; restart the local system with"
                    + " ./greenlight down and ./greenlight up");
        }
        ImagesApi.Pushed pushed = new ImagesApi(target.controlEndpoint()).push(request);
        out.println("pushed " + pushed.repository() + ":" + pushed.tag());
        out.println("digest " + pushed.digest());
        out.println("image  " + pushed.imageUri());
        if (pushed.executions().isEmpty()) {
            out.println("no release was started for this push");
            if (watch) {
                throw CliException.invalid("no release was started for " + pushed.tag()
                        + "; there is nothing to watch");
            }
            return GreenlightCli.OK;
        }
        pushed.executions().forEach(arn -> out.println("release started: execution " + arn));
        if (!watch) {
            out.println("follow it with ./greenlight watch");
            return GreenlightCli.OK;
        }
        out.println();
        String execution = pushed.executions().get(0);
        return Cloud.use(target, cloud -> new WatchCommand(cloud, out, terminal, interval)
                .follow(() -> started(cloud, pushed, execution), execution));
    }

    /** The release this push started: recorded with its execution, or else with its digest and tag. */
    private static Optional<ReleaseRecord> started(Cloud cloud, ImagesApi.Pushed pushed, String execution) {
        return cloud.recent(20).stream()
                .filter(r -> execution.equals(r.executionId())
                        || pushed.digest().equals(r.digest()) && pushed.tag().equals(r.tag()))
                .findFirst();
    }
}
