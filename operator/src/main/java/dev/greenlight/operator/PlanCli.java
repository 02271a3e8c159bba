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
    @Option(names = "--aws", description = "Preview a release of the deployment on AWS, through its planInputs"
            + " Lambda (GREENLIGHT_PLAN_FUNCTION).")
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
        PlanInputSource source = aws ? PlanFunction.from(context.env())
                : new PlansApi(Target.local(context.env()).controlEndpoint());
        return new PlanCommand(context.out(), context.env()).run(source, flags, assumed, seconds, json);
    }
}
