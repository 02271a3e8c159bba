package dev.greenlight.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.preview.Detection;
import dev.greenlight.release.preview.Preview;
import dev.greenlight.release.preview.StepForecast;
import dev.greenlight.release.preview.Traffic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code plan}: a release foreseen, for people (the way watch shows a release) or as JSON for scripts. */
final class PlanView {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlanView() {
    }

    static String text(Preview preview, Prices prices, Prices.Cost cost) {
        List<String> lines = new ArrayList<>();
        ReleasePlan plan = preview.plan();
        lines.add("plan      " + plan.steps().stream().map(s -> s + "%").collect(Collectors.joining(" -> "))
                + ", bakes " + plan.bakeSeconds().stream().map(b -> b + " s").collect(Collectors.joining(", "))
                + "; termination wait " + plan.terminationWaitSeconds() + " s; if the gate cannot tell: "
                + policy(plan));
        lines.add("traffic   " + traffic(preview.traffic()));
        int index = 1;
        for (StepForecast step : preview.steps()) {
            lines.addAll(step(index++, step, plan));
        }
        for (StepForecast step : preview.steps()) {
            if (step.warning() != null) {
                lines.add("warning   " + step.warning());
            }
        }
        lines.add("release   about " + Text.duration(seconds(preview.durationSeconds())) + " to "
                + outcome(preview) + " (" + breakdown(preview) + ")");
        lines.add(String.format(Locale.ROOT, "          %d tasks at the peak (%d beyond blue's %d, for %s), %d state"
                + " transitions, %d function calls, %d looks of the gate", preview.peakTasks(), preview.extraTasks(),
                preview.tasks(), Text.duration(seconds(preview.overlapSeconds())), preview.transitions(),
                preview.functionCalls(), preview.gateLooks()));
        lines.add(String.format(Locale.ROOT, "cost      %s on AWS (%s list prices of %s): Fargate %s, Step Functions"
                + " %s, Lambda %s, CloudWatch %s (%d metrics)", dollars(cost.total()), prices.region(), prices.date(),
                dollars(cost.fargate()), dollars(cost.stepFunctions()), dollars(cost.lambda()),
                dollars(cost.cloudWatch()), preview.metricsRequested()));
        for (String note : preview.notes()) {
            lines.add("note      " + note);
        }
        return String.join("\n", lines) + "\n";
    }

    private static List<String> step(int index, StepForecast step, ReleasePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "step %d    %d%% to green, bake %d s: %.0f green requests expected (%d to %d)",
                index, step.percent(), step.bakeSeconds(), step.greenRequests(), step.greenRequestsLow(),
                step.greenRequestsHigh()));
        lines.add("          at " + step.planned().afterSeconds() + " s: " + catches(step.planned()) + "; "
                + step.verdict() + (step.extensionSeconds() > 0 ? ", baking " + step.extensionSeconds() + " s more"
                        : ""));
        if (step.extensionSeconds() > 0) {
            lines.add("          at " + step.last().afterSeconds() + " s: " + catches(step.last()) + "; "
                    + step.lastVerdict());
        }
        boolean last = index == plan.steps().size();
        lines.add("          then " + action(step.action(), last) + (step.lastVerdict() == Verdict.PASS ? ""
                : ": " + Text.cut(step.reason(), 300)));
        return lines;
    }

    /** What a verdict could catch, in words. */
    static String catches(Detection detection) {
        String errors = Double.isNaN(detection.errorIncrease()) ? "no 5xx rise caught yet"
                : "catches " + points(detection.errorIncrease()) + " of 5xx";
        String latency;
        if (detection.latencyNote() != null) {
            latency = detection.latencyNote();
        } else {
            latency = "a " + String.format(Locale.ROOT, "%.2fx", detection.latencyRatio()) + " slower "
                    + quantile(detection.latencyQuantile());
        }
        return errors + " (" + detection.greenRequests() + " green requests), " + latency;
    }

    private static String quantile(Double q) {
        if (q == null) {
            return "latency";
        }
        return q == 0.5 ? "median" : "p" + Math.round(q * 100);
    }

    private static String action(GateAction action, boolean last) {
        return switch (action) {
            case PROCEED -> last ? "the termination wait, then blue is removed" : "on to the next step";
            case ROLLBACK -> "roll back";
            case HOLD -> "pause for an operator";
            case EXTEND -> "bake longer";
        };
    }

    private static String policy(ReleasePlan plan) {
        return plan.inconclusivePolicy().name().toLowerCase(Locale.ROOT)
                + (plan.maxExtensionSeconds() > 0 ? " after up to " + plan.maxExtensionSeconds()
                        + " s of longer bakes a step" : "");
    }

    private static String traffic(Traffic traffic) {
        String latency = traffic.latency().stream().filter(p -> p.quantile() == 0.5).map(Percentile::ms).findFirst()
                .map(ms -> String.format(Locale.ROOT, ", median %.1f ms", ms)).orElse(", response times unknown");
        return String.format(Locale.ROOT, "%.1f requests a second, %.2f%% 5xx%s (%s)", traffic.requestsPerSecond(),
                traffic.errorRate() * 100, latency, traffic.basis());
    }

    private static String outcome(Preview preview) {
        return preview.outcome().equals("RELEASED") ? "release" : "roll back";
    }

    private static String breakdown(Preview preview) {
        ReleasePlan plan = preview.plan();
        int extensions = preview.steps().stream().mapToInt(StepForecast::extensionSeconds).sum();
        return preview.healthChecks() + " health checks " + plan.healthPollSeconds() + " s apart, bakes "
                + preview.plannedBakeSeconds() + " s" + (extensions > 0 ? ", longer bakes " + extensions + " s" : "")
                + (preview.outcome().equals("RELEASED") && !preview.steps().isEmpty()
                        ? ", termination wait " + plan.terminationWaitSeconds() + " s" : "");
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static String points(double share) {
        return String.format(Locale.ROOT, "+%.2f points", share * 100);
    }

    private static String dollars(double amount) {
        return amount >= 0.01 ? String.format(Locale.ROOT, "$%.2f", amount)
                : String.format(Locale.ROOT, "$%.4f", amount);
    }

    /** The preview and its cost as one JSON document; a figure no effect reaches is null. */
    static String json(Preview preview, Prices prices, Prices.Cost cost) {
        ObjectNode root = JSON.createObjectNode();
        root.set("preview", JSON.valueToTree(preview));
        ((ObjectNode) root.get("preview")).put("extraTasks", preview.extraTasks());
        ObjectNode money = root.putObject("cost");
        money.put("currency", "USD");
        money.put("region", prices.region());
        money.put("pricesOf", prices.date());
        money.put("fargate", cost.fargate());
        money.put("stepFunctions", cost.stepFunctions());
        money.put("lambda", cost.lambda());
        money.put("cloudWatch", cost.cloudWatch());
        money.put("total", cost.total());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(withoutNaN(root)) + "\n";
    }

    private static JsonNode withoutNaN(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.propertyNames().forEach(name -> {
                JsonNode child = object.get(name);
                if (child.isNumber() && Double.isNaN(child.asDouble())) {
                    object.putNull(name);
                } else {
                    withoutNaN(child);
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(PlanView::withoutNaN);
        }
        return node;
    }
}
