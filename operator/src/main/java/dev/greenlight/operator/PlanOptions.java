package dev.greenlight.operator;

import picocli.CommandLine.Option;

/** The plan flags {@code push} and {@code plan} share, as given; {@link PlanFlags} checks them. */
final class PlanOptions {

    @Option(names = "--steps", paramLabel = "10,50,100", description = "The plan's traffic steps, in percent, ending"
            + " at 100.")
    String steps;
    @Option(names = "--bake", paramLabel = "S[,S...]", description = "Seconds to bake: one for all steps, or one per"
            + " step.")
    String bake;
    @Option(names = "--plan", paramLabel = "JSON", description = "Any other fields of the plan, e.g."
            + " '{\"maxExtensionSeconds\": 0, \"gate\": {\"confidence\": 0.999}}'.")
    String plan;
}
