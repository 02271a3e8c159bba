package dev.greenlight.operator;

import dev.greenlight.release.preview.LiveTraffic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", description = {"Preview a release before pushing it: its duration, peak tasks, state"
        + " transitions and AWS cost, and per step the green requests expected and the smallest regression the gate"
        + " could catch, at the live traffic (or --rate), computed by the gate's own code.",
        "Takes the plan flags push takes."})
final class PlanCli implements CliCommand {

    @Mixin
    private PlanOptions planOptions;
    @Option(names = "--rate", paramLabel = "N", description = "Assume N requests a second instead of the live"
            + " traffic.")
    private String rate;
    @Option(names = "--window", paramLabel = "S", defaultValue = "" + LiveTraffic.WINDOW_SECONDS,
            description = "Seconds of live traffic to read (default ${DEFAULT-VALUE}).")
    private String window;
    @Option(names = "--json", description = "Print the preview as JSON, for scripts.")
    private boolean json;
    @Option(names = "--aws", description = "Preview a release of the deployment on AWS (not available yet).")
    private boolean aws;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    PlanCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        PlanFlags flags = PlanFlags.from(planOptions.steps, planOptions.bake, planOptions.plan);
        Double assumed = PlanCommand.rate(rate);
        int seconds = PlanCommand.window(window);
        if (aws) {
            throw CliException.invalid("plan --aws is not available yet: the preview reads the plan and the live"
                    + " traffic through the local cloud's control API; preview the plan on the local cloud, with"
                    + " --rate for the deployment's traffic");
        }
        return new PlanCommand(context.out(), context.env()).run(Target.local(context.env()), flags, assumed, seconds,
                json);
    }
}
