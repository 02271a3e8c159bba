package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.greenlight.release.plan.PlanOverride;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a release overrides of the configured plan, from the flags {@code push} and {@code plan} share, checked
 * before anything is sent: {@code --steps}, {@code --bake} and {@code --plan}.
 *
 * @param steps       the plan's steps, or null for the configured plan's
 * @param bakeSeconds the plan's bakes, or null for the configured plan's
 * @param plan        any other fields of the plan this release overrides (--plan), or null
 */
record PlanFlags(List<Integer> steps, List<Integer> bakeSeconds, ObjectNode plan) {

    /** The longest bake a plan allows (ReleasePlan). */
    static final int MAX_BAKE_SECONDS = 86_400;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** Reads and checks the flags, each null when not given; the first problem is reported as what to fix. */
    static PlanFlags from(String stepsFlag, String bakeFlag, String planFlag) {
        List<Integer> steps = Optional.ofNullable(stepsFlag).map(PlanFlags::steps).orElse(null);
        List<Integer> bakes = Optional.ofNullable(bakeFlag).map(PlanFlags::bakes).orElse(null);
        if (steps != null && bakes != null && bakes.size() > 1 && steps.size() != bakes.size()) {
            throw CliException.invalid("--bake gives " + bakes.size() + " bakes but --steps has " + steps.size()
                    + " steps; give one bake for all steps or one per step");
        }
        ObjectNode plan = Optional.ofNullable(planFlag).map(PlanFlags::plan).orElse(null);
        if (plan != null && ((steps != null && plan.has("steps")) || (bakes != null && plan.has("bakeSeconds")))) {
            throw CliException.invalid("--plan sets " + (steps != null && plan.has("steps") ? "steps" : "bakeSeconds")
                    + " and so does " + (steps != null && plan.has("steps") ? "--steps" : "--bake") + "; give it once");
        }
        return new PlanFlags(steps, bakes, plan);
    }

    /** The plan override a release's input takes, or null when nothing is overridden. */
    ObjectNode override() {
        if (steps == null && bakeSeconds == null && plan == null) {
            return null;
        }
        ObjectNode override = JSON.createObjectNode();
        if (plan != null) {
            override.setAll(plan);
        }
        if (steps != null) {
            ArrayNode array = override.putArray("steps");
            steps.forEach(array::add);
        }
        if (bakeSeconds != null) {
            ArrayNode array = override.putArray("bakeSeconds");
            bakeSeconds.forEach(array::add);
        }
        return override;
    }

    /**
     * --plan: a JSON object of the plan fields this release overrides, as a release's input takes them (see
     * ReleasePlan), e.g. {"maxExtensionSeconds": 120, "gate": {"errorIncreaseToDetect": 0.02}}. Its shape is
     * checked here; its values, with the rest of the plan, by the workflow.
     */
    private static ObjectNode plan(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw CliException.invalid("--plan must be a JSON object of plan fields, e.g. '{\"maxExtensionSeconds\":"
                    + " 120}', but is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw CliException.invalid("--plan must be a JSON object of plan fields, e.g. '{\"maxExtensionSeconds\":"
                    + " 120}'");
        }
        try {
            STRICT.treeToValue(node, PlanOverride.class);
        } catch (JacksonException e) {
            throw CliException.invalid("--plan: " + PlanOverride.problem(e));
        }
        return (ObjectNode) node;
    }

    private static List<Integer> steps(String text) {
        List<Integer> steps = integers("--steps", text);
        int previous = 0;
        for (int step : steps) {
            if (step < 1 || step > 100 || step <= previous) {
                throw CliException.invalid("--steps " + text + " must be percentages from 1 to 100, each larger"
                        + " than the one before, e.g. 10,50,100");
            }
            previous = step;
        }
        if (previous != 100) {
            throw CliException.invalid("--steps " + text + " must end at 100, so the release finishes with all"
                    + " traffic on green");
        }
        return steps;
    }

    private static List<Integer> bakes(String text) {
        List<Integer> bakes = integers("--bake", text);
        if (bakes.stream().anyMatch(b -> b < 0 || b > MAX_BAKE_SECONDS)) {
            throw CliException.invalid("--bake " + text + " must be seconds from 0 to " + MAX_BAKE_SECONDS);
        }
        return bakes;
    }

    private static List<Integer> integers(String flag, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw CliException.invalid(flag + " " + text + " must be whole numbers separated by commas, but "
                        + (part.isBlank() ? "has an empty entry" : "'" + part + "' is not one"));
            }
        }
        return values;
    }

}
