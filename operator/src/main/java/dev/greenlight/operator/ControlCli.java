package dev.greenlight.operator;

import dev.greenlight.release.Control;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The controls: each sets one on a running release, which the workflow acts on at its next check. */
abstract class ControlCli implements CliCommand {

    @Mixin
    private TargetOption target;
    @Option(names = "--release", paramLabel = "ID",
            description = "The release to act on (default: the running one, which holds the release lock).")
    private String release;
    @Mixin
    private HelpOption help;
    private final CliContext context;
    private final Control control;

    private ControlCli(CliContext context, Control control) {
        this.context = context;
        this.control = control;
    }

    @Override
    public int run() throws InterruptedException {
        return Cloud.use(target.resolve(context.env()),
                cloud -> new ControlCommand(cloud, context.out(), context.env()).run(control, release));
    }

    @Command(name = "pause", description = "Hold the running release at its current step, until resume.")
    static final class Pause extends ControlCli {
        Pause(CliContext context) {
            super(context, Control.PAUSE);
        }
    }

    @Command(name = "resume", description = "Let a paused release go on.")
    static final class Resume extends ControlCli {
        Resume(CliContext context) {
            super(context, Control.RESUME);
        }
    }

    @Command(name = "promote", description = "Skip the remaining bakes and go to 100%% after verifying green.")
    static final class Promote extends ControlCli {
        Promote(CliContext context) {
            super(context, Control.PROMOTE);
        }
    }

    @Command(name = "abort", description = "Roll the running release back to blue.")
    static final class Abort extends ControlCli {
        Abort(CliContext context) {
            super(context, Control.ABORT);
        }
    }
}
