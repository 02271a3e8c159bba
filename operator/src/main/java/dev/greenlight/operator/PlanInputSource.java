package dev.greenlight.operator;

import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.preview.Setup;
import dev.greenlight.release.preview.Traffic;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where {@code greenlight plan} gets what a preview needs: the functions' planInputs, through the local cloud's
 * control API ({@link PlansApi}) or as the deployment's Lambda ({@link PlanFunction}).
 */
interface PlanInputSource {

    /**
     * @param plan    the plan a push with the override would follow
     * @param setup   where it runs
     * @param cpu     the task's CPU units
     * @param memory  the task's memory, MiB
     * @param traffic the live traffic over the window
     */
    record Inputs(ReleasePlan plan, Setup setup, String cpu, String memory, Traffic traffic) {
    }

    /**
     * @param override      the plan fields a push would override, or null
     * @param windowSeconds seconds of live traffic to read
     * @throws CliException when the plan is invalid or the functions cannot be reached
     */
    Inputs inputs(ObjectNode override, int windowSeconds) throws InterruptedException;
}
