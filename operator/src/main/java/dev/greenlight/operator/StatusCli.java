package dev.greenlight.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "What is live, what is releasing, who holds the release lock.")
final class StatusCli implements CliCommand {

    @Mixin
    private TargetOption target;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    StatusCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        return Cloud.use(target.resolve(context.env()), cloud -> new StatusCommand(cloud, context.out()).run());
    }
}
