package dev.greenlight.operator;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", description = {"Print a bash completion script for greenlight's commands and flags.",
        "Load it with: source <(./greenlight completion)"})
final class CompletionCli implements CliCommand {

    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    CompletionCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() {
        context.out().print(AutoComplete.bash("greenlight", spec.root().commandLine()));
        context.out().flush();
        return GreenlightCli.OK;
    }
}
