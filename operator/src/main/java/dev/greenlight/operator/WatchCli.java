package dev.greenlight.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "watch", description = {"Follow a release until it ends: the running one, else the newest.",
        "Exits 2 if it was rolled back, abandoned or refused, or its execution failed."})
final class WatchCli implements CliCommand {

    @Mixin
    private TargetOption target;
    @Option(names = "--release", paramLabel = "ID", description = "The release to follow (see greenlight history).")
    private String release;
    @Option(names = "--once", description = "Print one frame and exit.")
    private boolean once;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    WatchCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        return Cloud.use(target.resolve(context.env()), cloud -> new WatchCommand(cloud, context.out(),
                context.terminal(), context.watchInterval()).run(release, once));
    }
}
