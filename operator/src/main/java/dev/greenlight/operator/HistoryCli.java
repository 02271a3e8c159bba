package dev.greenlight.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", description = "Past releases, newest first, with their outcome and why; and executions"
        + " that failed before a release was recorded.")
final class HistoryCli implements CliCommand {

    @Mixin
    private TargetOption target;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + HistoryCommand.DEFAULT_LIMIT,
            description = "How many releases to list, 1 to " + HistoryCommand.MAX_LIMIT
                    + " (default ${DEFAULT-VALUE}).")
    private String limit;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    HistoryCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        int releases = HistoryCommand.limit(limit);
        return Cloud.use(target.resolve(context.env()),
                cloud -> new HistoryCommand(cloud, context.out()).run(releases));
    }
}
