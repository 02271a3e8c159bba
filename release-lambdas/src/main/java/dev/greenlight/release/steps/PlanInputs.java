package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.preview.LiveTraffic;
import dev.greenlight.release.preview.Setup;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code greenlight plan} needs to preview a push, from the functions' own configuration: the plan a push
 * with this override would follow (merged and checked as Prepare merges and checks it), where it runs, the task's
 * size, and the live traffic over a recent window, read from the ALB's metrics as the gate reads them. Not a step
 * of the workflow: operators invoke it, on AWS as its own Lambda, locally through the control API. It reads and
 * changes nothing but metrics and the listener's weights, which it only reads.
 */
public class PlanInputs {

    /** The shortest and longest window of live traffic a preview may read. */
    public static final int MIN_WINDOW_SECONDS = 60;
    public static final int MAX_WINDOW_SECONDS = 86_400;
    /** Names no field twice and none that a plan lacks: a misspelt field is an error, not a default. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /**
     * @param plan          the plan fields a push would override, or null for the configured plan
     * @param windowSeconds seconds of live traffic to read, {@link LiveTraffic#WINDOW_SECONDS} if null
     */
    public record Request(Map<String, Object> plan, Integer windowSeconds) {
    }

    /**
     * @param plan    the plan a push with the override would follow
     * @param setup   where it runs
     * @param cpu     the task's CPU units
     * @param memory  the task's memory, MiB
     * @param traffic the live traffic over the window
     */
    public record Result(ReleasePlan plan, Setup setup, String cpu, String memory,
            dev.greenlight.release.preview.Traffic traffic) {
    }

    /**
     * The request in an invocation's payload, read here rather than by the function framework so that a payload
     * that is not one answers what is wrong with it.
     *
     * @throws InvalidPlanException naming what the payload lacks
     */
    public static Request read(byte[] payload) {
        try {
            return read(payload == null || payload.length == 0 ? JSON.createObjectNode() : JSON.readTree(payload));
        } catch (JacksonException e) {
            throw new InvalidPlanException(List.of("the request is not JSON; it must be an object with an optional plan"
                    + " and windowSeconds"));
        }
    }

    /** @throws InvalidPlanException naming what the request lacks */
    public static Request read(JsonNode json) {
        if (json == null || json.isMissingNode() || json.isNull()) {
            return new Request(null, null);
        }
        if (!json.isObject()) {
            throw new InvalidPlanException(List.of("the request must be a JSON object with an optional plan and"
                    + " windowSeconds, not " + json.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        List<String> problems = new ArrayList<>();
        json.propertyNames().forEach(name -> {
            if (!name.equals("plan") && !name.equals("windowSeconds")) {
                problems.add(name + " is not a field of the request; it has plan and windowSeconds");
            }
        });
        JsonNode plan = json.path("plan");
        if (!plan.isMissingNode() && !plan.isNull() && !plan.isObject()) {
            problems.add("plan must be a JSON object of plan fields");
        }
        JsonNode window = json.path("windowSeconds");
        if (!window.isMissingNode() && !window.isNull() && !(window.isIntegralNumber() && window.canConvertToInt())) {
            problems.add("windowSeconds must be whole seconds from " + MIN_WINDOW_SECONDS + " to " + MAX_WINDOW_SECONDS);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = plan.isObject() ? JSON.convertValue(plan, Map.class) : null;
        return new Request(fields, window.isIntegralNumber() ? window.asInt() : null);
    }

    private final ReleaseProperties properties;
    private final Traffic weights;
    private final GateMetrics metrics;

    public PlanInputs(ReleaseProperties properties, Traffic weights, GateMetrics metrics) {
        this.properties = properties;
        this.weights = weights;
        this.metrics = metrics;
    }

    /** @throws InvalidPlanException listing every problem of the merged plan, or of the window */
    public Result apply(Request request, Instant now) {
        Map<String, Object> override = request == null ? null : request.plan();
        Integer window = request == null ? null : request.windowSeconds();
        int seconds = window == null ? LiveTraffic.WINDOW_SECONDS : window;
        if (seconds < MIN_WINDOW_SECONDS || seconds > MAX_WINDOW_SECONDS) {
            throw new InvalidPlanException(List.of("windowSeconds must be whole seconds from " + MIN_WINDOW_SECONDS
                    + " to " + MAX_WINDOW_SECONDS + ", not " + seconds));
        }
        PlanOverride plan;
        try {
            plan = override == null ? null : JSON.convertValue(override, PlanOverride.class);
        } catch (JacksonException e) {
            throw new InvalidPlanException(List.of(PlanOverride.problem(e)));
        }
        ReleasePlan merged = properties.planWith(plan);
        List<String> slots = properties.slots().values().stream().map(ReleaseProperties.Slot::targetGroupArn).toList();
        boolean live = weights.weights(properties.listenerArn()).entrySet().stream()
                .anyMatch(e -> e.getValue() > 0 && slots.contains(e.getKey()));
        return new Result(merged, Forecaster.setup(properties, !live), properties.task().cpu(), properties.task().memory(),
                LiveTraffic.read(metrics, slots, now, seconds));
    }
}
