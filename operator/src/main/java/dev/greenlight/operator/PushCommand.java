package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.store.ReleaseRecord;

/**
 * {@code push}: publish a blog jar to the local cloud's registry under a new tag. The push emits ECR's event,
 * which starts a release; {@code --watch} follows it like {@code watch}.
 */
final class PushCommand {

    private final Map<String, String> env;
    private final PrintStream out;
    private final Clock clock;
    private final Duration interval;
    private final boolean terminal;

    PushCommand(Map<String, String> env, PrintStream out, Clock clock, Duration interval, boolean terminal) {
        this.env = env;
        this.out = out;
        this.clock = clock;
        this.interval = interval;
        this.terminal = terminal;
    }

    int run(Flags flags) throws InterruptedException {
        if (flags.has("--aws")) {
            throw CliException.invalid("on AWS, CodeBuild pushes images (buildspec.yaml); push is for the local cloud");
        }
        PushRequest request = PushRequest.from(flags, env, clock);
        Target target = Target.local(env);
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
            if (flags.has("--watch")) {
                throw CliException.invalid("no release was started for " + pushed.tag()
                        + "; there is nothing to watch");
            }
            return GreenlightCli.OK;
        }
        pushed.executions().forEach(arn -> out.println("release started: execution " + arn));
        if (!flags.has("--watch")) {
            out.println("follow it with ./greenlight watch");
            return GreenlightCli.OK;
        }
        out.println();
        String execution = pushed.executions().get(0);
        try (Cloud cloud = Cloud.open(target)) {
            return new WatchCommand(cloud, out, terminal, interval).follow(() -> started(cloud, pushed, execution),
                    execution);
        }
    }

    /** The release this push started: recorded with its execution, or else with its digest and tag. */
    private static Optional<ReleaseRecord> started(Cloud cloud, ImagesApi.Pushed pushed, String execution) {
        return cloud.recent(20).stream()
                .filter(r -> execution.equals(r.executionId())
                        || pushed.digest().equals(r.digest()) && pushed.tag().equals(r.tag()))
                .findFirst();
    }
}
