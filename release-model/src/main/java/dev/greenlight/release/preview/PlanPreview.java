package dev.greenlight.release.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.ExpectedMetrics;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateDecision;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.gate.Sensitivity;
import dev.greenlight.release.plan.GateThresholds;
import dev.greenlight.release.plan.ReleasePlan;

/**
 * Foresees a release: walks the release workflow state by state, as {@code release.asl.json} runs it, with green as
 * good as blue and the expected traffic, and at each step's end of bake asks the gate itself ({@link GateReadings},
 * {@link Gate}, {@link GateDecision}) what it would see, catch and decide. The durations are the plan's waits, the
 * polls that notice their end, and the setup's typical times; the transitions are the states entered on that path.
 */
public final class PlanPreview {

    private static final String GREEN = "green";
    private static final String BLUE = "blue";
    /** Any whole second: the walk's time 0, the push's event. */
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * The interim looks of one hold that are read in full, for the metrics they request; later ones, in a hold long
     * past any warm-up, are counted as requesting what the last read one did.
     */
    static final int READ_LOOKS = 1_000;
    /** A path is kept up to this many states: a day's bake polled every second would be a quarter million. */
    static final int MAX_PATH = 10_000;

    private final ReleasePlan plan;
    private final Traffic traffic;
    private final Setup setup;
    private final ExpectedMetrics expected;
    private final MetricRequests metrics;
    private final GateReadings readings;

    private double t;
    private int transitions;
    private int calls;
    private int looks;
    private final List<String> path = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PlanPreview(ReleasePlan plan, Traffic traffic, Setup setup) {
        this.plan = plan;
        this.traffic = traffic;
        this.setup = setup;
        this.expected = new ExpectedMetrics(traffic.requestsPerSecond(), traffic.errorRate(), traffic.latency(), GREEN,
                setup.metricsResolutionSeconds(), setup.metricsDelaySeconds());
        this.metrics = new MetricRequests(expected);
        this.readings = new GateReadings(metrics, setup.metricsResolutionSeconds());
    }

    /** The release a valid plan leads to at this traffic and setup. */
    public static Preview of(ReleasePlan plan, Traffic traffic, Setup setup) {
        return new PlanPreview(plan.validated(), traffic, setup).walk();
    }

    private Preview walk() {
        task("Prepare release");
        state("Route prepared release");
        double deployedAt = t;
        task("Deploy green");
        int checks = healthChecks();
        for (int i = 0; i < checks; i++) {
            state("Wait for green");
            t += plan.healthPollSeconds();
            task("Check green health");
            state("Is green healthy?");
        }
        task("Smoke test green");
        t += setup.smokeSeconds();
        state("Did the smoke test pass?");
        state("Is this the first release?");
        List<StepForecast> steps = new ArrayList<>();
        String outcome = "RELEASED";
        if (setup.firstRelease()) {
            state("Go live at once");
            task("Verify before shift");
            state("Is it safe to shift?");
            task("Shift traffic");
            state("Bake at this step?");
            state("Is there a blue to remove?");
            notes.add("first release: nothing is live, so green takes 100% at once, with no bake and no gate");
        } else {
            state("Start traffic shift");
            Instant firstShift = null;
            for (int i = 0; i < plan.steps().size() && outcome.equals("RELEASED"); i++) {
                task("Verify before shift");
                state("Is it safe to shift?");
                Instant shiftAt = at(t);
                firstShift = firstShift == null ? shiftAt : firstShift;
                expected.shift(shiftAt, plan.steps().get(i));
                task("Shift traffic");
                state("Bake at this step?");
                StepForecast step = step(i, shiftAt, firstShift);
                steps.add(step);
                if (step.action() == GateAction.ROLLBACK) {
                    outcome = "ROLLED_BACK";
                    break;
                }
                state("Is this the last step?");
                if (i < plan.steps().size() - 1) {
                    state("Next step");
                }
            }
            if (outcome.equals("RELEASED")) {
                state("Is there a blue to remove?");
                state("Start termination wait");
                hold(plan.terminationWaitSeconds(), "Check termination wait", "Termination wait decision",
                        "Keep blue for the termination wait", false, t, null, null);
            }
        }
        double overlap;
        if (outcome.equals("RELEASED")) {
            task("Finish release");
            state("Released");
        } else {
            state("Gate inconclusive");
            task("Roll back");
            state("Release rolled back");
        }
        overlap = setup.firstRelease() ? 0 : t - deployedAt;
        if (traffic.requestsPerSecond() == 0) {
            notes.add("no traffic: the preview assumes none, so the gate sees no request and can catch nothing; each"
                    + " step ends INCONCLUSIVE after its bake, and the plan's policy ("
                    + plan.inconclusivePolicy().name().toLowerCase(Locale.ROOT) + ") decides");
        }
        return new Preview(plan, traffic, steps, t, checks, transitions, path, calls, looks, metrics.requested(),
                setup.tasks(), setup.firstRelease() ? setup.tasks() : 2 * setup.tasks(), overlap, outcome, notes);
    }

    /** Green is noticed healthy at the first health check after it is ready. */
    private int healthChecks() {
        int checks = Math.max(1, (int) Math.ceil(setup.greenReadySeconds() / plan.healthPollSeconds()));
        if (checks * (long) plan.healthPollSeconds() > plan.healthTimeoutSeconds()) {
            notes.add(String.format(Locale.ROOT, "green typically takes %.0f s to be healthy, beyond the plan's"
                    + " health deadline of %d s: the release would roll back", setup.greenReadySeconds(),
                    plan.healthTimeoutSeconds()));
        }
        return checks;
    }

    private StepForecast step(int index, Instant shiftAt, Instant firstShift) {
        int percent = plan.steps().get(index);
        int planned = plan.bakeSeconds().get(index);
        int bake = planned;
        int extensions = 0;
        Judged first = null;
        Judged last;
        GateDecision decision;
        while (true) {
            hold(bake, "Check bake", "Bake decision", "Bake", true, seconds(shiftAt), index, firstShift);
            Instant end = at(t);
            task("Evaluate gate");
            looks++;
            StepRequest.Step step = new StepRequest.Step(index, plan.steps().size() - 1, percent, bake, extensions,
                    false, firstShift.toString());
            GateInput input = readings.read(plan.gate(), GREEN, setup.tasks(), BLUE, percent, firstShift, shiftAt, end,
                    true);
            GateVerdict verdict = Gate.evaluate(input, plan.gate(), new Gate.Look(plan.steps().size(), percent, true));
            last = judged(verdict, input, bake);
            first = first == null ? last : first;
            decision = GateDecision.after(plan, step, verdict, input.green().requests(), Duration.between(shiftAt, end));
            state("Gate verdict");
            if (decision.action() != GateAction.EXTEND) {
                break;
            }
            state("Extend bake");
            bake += decision.extendSeconds();
            extensions++;
        }
        if (decision.action() == GateAction.HOLD) {
            state("Hold for an operator");
            notes.add(String.format(Locale.ROOT, "step %d (%d%%) pauses for an operator when the gate cannot tell:"
                    + " the duration counts the whole pause, %d s, after which it will %s", index + 1, percent,
                    plan.pauseTimeoutSeconds(), plan.pauseTimeoutAction().name().toLowerCase(Locale.ROOT)));
            hold(plan.pauseTimeoutSeconds(), "Check hold", "Hold decision", "Wait for an operator", true, t, index,
                    firstShift);
            if (plan.pauseTimeoutAction() == ReleasePlan.PauseTimeoutAction.ROLLBACK) {
                state("Pause timed out");
                decision = new GateDecision(GateAction.ROLLBACK, 0, decision.why());
            }
        }
        return forecast(index, percent, planned, bake - planned, first, last, decision);
    }

    /**
     * A hold as CheckControls runs it: a check, its choice, and while time is left a wait of at most the control
     * poll; during a bake or an operator's pause each check but the last also looks at the gate.
     */
    private void hold(int holdSeconds, String check, String choice, String wait, boolean looking, double since,
            Integer index, Instant firstShift) {
        int read = 0;
        long perLook = 0;
        while (true) {
            long remaining = holdSeconds - (long) Math.floor(t - since + 1e-9);
            task(check);
            state(choice);
            if (remaining <= 0) {
                return;
            }
            if (looking) {
                looks++;
                if (read++ < READ_LOOKS) {
                    long before = metrics.requested();
                    interimLook(index, firstShift, since);
                    perLook = metrics.requested() - before;
                } else {
                    metrics.add(perLook);
                }
            }
            state(wait);
            t += Math.min(remaining, plan.controlPollSeconds());
        }
    }

    /** An interim look reads what the end of a bake does, less the power: its cost is what is counted. */
    private void interimLook(Integer index, Instant firstShift, double since) {
        int percent = plan.steps().get(index);
        readings.read(plan.gate(), GREEN, setup.tasks(), BLUE, percent, firstShift, at(since), at(t), false);
    }

    private StepForecast forecast(int index, int percent, int planned, int extension, Judged first, Judged last,
            GateDecision decision) {
        GateThresholds gate = plan.gate();
        double greenRate = traffic.requestsPerSecond() * percent / 100.0;
        double mean = greenRate * planned;
        double spread = 1.96 * Math.sqrt(mean);
        GateVerdict verdict = first.verdict();
        Integer could = null;
        if (verdict.verdict() != Verdict.PASS && verdict.neededRequests() != null && greenRate > 0
                && verdict.neededRequests() < Sensitivity.MAX_REQUESTS) {
            could = planned + (int) Math.ceil(verdict.neededRequests() / greenRate);
        }
        String warning = null;
        if (last.verdict().verdict() != Verdict.PASS) {
            warning = String.format(Locale.ROOT, "step %d (%d%%) cannot catch %s of 5xx%s %s; %s", index + 1, percent,
                    points(gate.errorIncreaseToDetect()),
                    gate.latencyQuantiles().isEmpty() ? "" : " or a " + ratio(gate.latencyRatioToDetect())
                            + " slowdown",
                    extension > 0 ? "even with " + extension + " s of extension" : "in its bake",
                    could != null ? "a bake of " + could + " s could, at this traffic"
                            : "no bake could at this traffic: give the plan larger effects to detect, or more traffic");
        }
        String reason = last.verdict().verdict() + ": " + last.verdict().reason()
                + (decision.why().isEmpty() ? "" : "; " + decision.why());
        return new StepForecast(percent, planned, mean, Math.max(0, Math.round(Math.floor(mean - spread))),
                Math.round(Math.ceil(mean + spread)), first.detection(), verdict.verdict(), extension,
                last.detection(), last.verdict().verdict(), decision.action(), could, warning, reason);
    }

    /** A verdict and what it could catch. */
    private record Judged(GateVerdict verdict, Detection detection) {
    }

    private Judged judged(GateVerdict verdict, GateInput input, int bakedSeconds) {
        double errors = verdict.checks().stream()
                .filter(c -> c.evidence() != null && c.evidence().detectableUnit().startsWith("5xx rate increase"))
                .map(c -> c.evidence().detectable()).filter(d -> d != null).findFirst().orElse(Double.NaN);
        Check latency = verdict.checks().stream()
                .filter(c -> c.evidence() != null && "latency ratio".equals(c.evidence().detectableUnit()))
                .filter(c -> !c.name().contains("while warming up")).findFirst().orElse(null);
        Double ratio = latency == null ? null : latency.evidence().detectable();
        String note = latencyNote(input, ratio);
        return new Judged(verdict, new Detection(bakedSeconds, input.green().requests(), errors,
                note != null && ratio != null && !ratio.isNaN() ? null : ratio,
                latency == null ? null : quantile(latency.name()), note));
    }

    private String latencyNote(GateInput input, Double ratio) {
        if (plan.gate().latencyQuantiles().isEmpty()) {
            return "no latency quantiles are configured";
        }
        if (!expected.latencyKnown()) {
            return "the live version's latency is not known, so the preview leaves latency out";
        }
        String skipped = input.latency().skipped();
        if (skipped != null) {
            return skipped.contains("at 100%") ? "latency is not judged at 100%: no blue is left to compare with"
                    : skipped.contains("too few") ? "latency is not judged: blue serves too few requests in the gate's "
                            + plan.gate().baselineSeconds() + " s reference window for any latency quantile"
                    : "latency is not judged: " + skipped;
        }
        if (input.latency().warmupRequestsLeft() > 0) {
            return "green has " + input.latency().warmupRequestsLeft() + " of its warm-up requests ("
                    + plan.gate().warmupRequests() + " a task) left to serve: until then only a median "
                    + ratio(plan.gate().warmupTolerance()) + " slower is caught";
        }
        return ratio == null || ratio.isNaN() ? "too few judged requests to catch even a 100x slowdown" : null;
    }

    private static Double quantile(String checkName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("green p([0-9.]+) latency").matcher(checkName);
        return m.find() ? Double.parseDouble(m.group(1)) / 100 : null;
    }

    private void task(String name) {
        state(name);
        calls++;
        t += setup.callSeconds();
    }

    private void state(String name) {
        transitions++;
        if (path.size() < MAX_PATH) {
            path.add(name);
        }
    }

    private Instant at(double seconds) {
        return EPOCH.plusMillis(Math.round(seconds * 1000));
    }

    private double seconds(Instant at) {
        return Duration.between(EPOCH, at).toMillis() / 1000.0;
    }

    static String points(double share) {
        return String.format(Locale.ROOT, "+%.2f points", share * 100);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
