package dev.greenlight.localcloud.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.BlueHealth;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.plan.GateThresholds;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.gate.GateDecision;

/**
 * One release, second by second, as the workflow runs it: pre-flight over blue's baseline, green deployed and
 * warmed by nothing but readiness checks, then each step of the plan with a look at the gate at every poll of
 * its bake (CheckControls' interim looks), the end-of-bake verdict (EvaluateGate), extensions, and pauses the
 * gate asks for, which no operator answers. Readers arrive as a Poisson stream at {@code rate} a second; the
 * balancer sends each to green with the step's weight.
 */
final class SimulatedRelease {

    static final String GREEN = "targetgroup/blog-green/0000000000000001";
    static final String BLUE = "targetgroup/blog-blue/0000000000000002";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** How a release ended. */
    enum Ending {
        RELEASED,
        /** The gate failed green. */
        ROLLED_BACK,
        /** The gate could not judge green and the plan's policy rolled back. */
        ROLLED_BACK_INCONCLUSIVE,
        /** The gate paused for an operator, nobody came, and the timeout action rolled back. */
        ROLLED_BACK_UNANSWERED,
        /** The pre-flight found blue missing the objective. */
        REFUSED
    }

    /**
     * @param ending        how it ended
     * @param step          for ROLLED_BACK, the step (index) whose look failed
     * @param detectSeconds for ROLLED_BACK, seconds from green's first traffic to the failing look
     * @param seconds       the release's length, from pre-flight to its end (without the termination wait)
     * @param held          whether the gate paused the release for an operator at some step
     * @param looks         how many times the gate looked: interim looks and end-of-bake verdicts
     * @param reason        the gate's last reason
     */
    record Outcome(Ending ending, int step, long detectSeconds, long seconds, boolean held, int looks, String reason) {
    }

    /**
     * Where the simulation runs.
     *
     * @param resolution    metrics resolution in seconds (1 locally, 60 on AWS)
     * @param delay         how late a period's metrics can be read (0 locally, 60 s on AWS)
     * @param deploySeconds from pre-flight to green's first traffic: deploy, health checks, smoke test
     * @param tasks         tasks per service: green's requests are spread over them, and each warms up on its own
     */
    record Platform(int resolution, int delay, int deploySeconds, int tasks) {
    }

    private final ReleasePlan plan;
    private final Platform platform;
    private final Scenario scenario;
    private final Scenario.Baseline base;
    private final double rate;
    private final SplittableRandom random;
    private final SimulatedMetrics metrics;
    private final GateReadings readings;
    private double[] buffer = new double[64];
    private String lastReason = "";
    private long generated;
    private long greenServed;

    SimulatedRelease(ReleasePlan plan, Platform platform, Scenario scenario, Scenario.Baseline base, double rate,
            long seed) {
        this.plan = plan;
        this.platform = platform;
        this.scenario = scenario;
        this.base = base;
        this.rate = rate;
        this.random = new SplittableRandom(seed);
        this.metrics = new SimulatedMetrics(EPOCH, platform.resolution(), platform.delay());
        this.readings = new GateReadings(metrics, platform.resolution());
    }

    Outcome run() {
        GateThresholds limits = plan.gate();
        long prepare = Math.max(limits.baselineSeconds(), 1);
        traffic(prepare, 0, -1);
        if (limits.preflight()) {
            BlueHealth health = BlueHealth.judge(metrics.targetGroup(BLUE, at(prepare - limits.baselineSeconds()),
                    at(prepare)).errors(), limits);
            if (health.missesObjective()) {
                return new Outcome(Ending.REFUSED, -1, 0, 0, false, looks, health.detail());
            }
        }
        long firstShift = prepare + platform.deploySeconds();
        traffic(firstShift, 0, -1);
        long now = firstShift;
        boolean held = false;
        String reason = "";
        int last = plan.steps().size() - 1;
        for (int index = 0; index <= last; index++) {
            int percent = plan.steps().get(index);
            long shift = now;
            int bake = plan.bakeSeconds().get(index);
            int extensions = 0;
            while (true) {
                long remaining = bake - (now - shift);
                if (remaining > 0) {
                    if (now > shift && failsInterim(percent, firstShift, shift, now)) {
                        return new Outcome(Ending.ROLLED_BACK, index, now - firstShift, now - prepare, held, looks,
                                lastReason);
                    }
                    now += Math.min(remaining, plan.controlPollSeconds());
                    traffic(now, percent, firstShift);
                    continue;
                }
                GateInput input = read(percent, firstShift, shift, now, true);
                looks++;
                GateVerdict verdict = Gate.evaluate(input, limits, new Gate.Look(plan.steps().size(), percent, true));
                reason = verdict.reason();
                if (verdict.verdict() == Verdict.FAIL) {
                    return new Outcome(Ending.ROLLED_BACK, index, now - firstShift, now - prepare, held, looks, reason);
                }
                StepRequest.Step step = new StepRequest.Step(index, last, percent, bake, extensions, false,
                        at(firstShift).toString());
                GateDecision next = GateDecision.after(plan, step, verdict, input.green().requests(),
                        Duration.ofSeconds(now - shift));
                if (next.action() == GateAction.EXTEND) {
                    bake += next.extendSeconds();
                    extensions++;
                    continue;
                }
                if (next.action() == GateAction.ROLLBACK) {
                    return new Outcome(Ending.ROLLED_BACK_INCONCLUSIVE, index, 0, now - prepare, held, looks, reason);
                }
                if (next.action() == GateAction.HOLD) {
                    held = true;
                    long until = now + plan.pauseTimeoutSeconds();
                    while (now < until) {
                        if (failsInterim(percent, firstShift, shift, now)) {
                            return new Outcome(Ending.ROLLED_BACK, index, now - firstShift, now - prepare, held, looks,
                                    lastReason);
                        }
                        now += Math.min(until - now, plan.controlPollSeconds());
                        traffic(now, percent, firstShift);
                    }
                    if (plan.pauseTimeoutAction() == ReleasePlan.PauseTimeoutAction.ROLLBACK) {
                        return new Outcome(Ending.ROLLED_BACK_UNANSWERED, index, 0, now - prepare, true, looks, reason);
                    }
                }
                break;
            }
        }
        return new Outcome(Ending.RELEASED, -1, 0, now - prepare, held, looks, reason);
    }

    private int looks;

    private boolean failsInterim(int percent, long firstShift, long shift, long now) {
        looks++;
        GateVerdict verdict = Gate.evaluate(read(percent, firstShift, shift, now, false), plan.gate(),
                new Gate.Look(plan.steps().size(), percent, false));
        lastReason = verdict.reason();
        return verdict.verdict() == Verdict.FAIL;
    }

    private GateInput read(int percent, long firstShift, long shift, long now, boolean verdict) {
        return readings.read(plan.gate(), GREEN, platform.tasks(), BLUE, percent, at(firstShift), at(shift), at(now),
                verdict);
    }

    private Instant at(long second) {
        return metrics.at(second);
    }

    /**
     * Readers' requests for every second before {@code until}, with green at {@code percent} (green first got
     * traffic at {@code firstShift}; -1 before that).
     */
    private void traffic(long until, int percent, long firstShift) {
        SimulatedMetrics.Group green = metrics.group(GREEN);
        SimulatedMetrics.Group blue = metrics.group(BLUE);
        double weight = percent / 100.0;
        while (generated < until) {
            long second = generated++;
            int requests = poisson(rate);
            int toGreen = 0;
            for (int i = 0; i < requests; i++) {
                if (random.nextDouble() < weight) {
                    toGreen++;
                }
            }
            int toBlue = requests - toGreen;
            ensure(Math.max(toGreen, toBlue));
            int errors = 0;
            for (int i = 0; i < toBlue; i++) {
                buffer[i] = Scenario.blueSeconds(base, random);
                if (Scenario.blueError(base, random)) {
                    errors++;
                }
            }
            if (toBlue > 0 || percent < 100) {
                blue.second(second, buffer, toBlue, errors);
            }
            if (percent > 0) {
                errors = 0;
                for (int i = 0; i < toGreen; i++) {
                    buffer[i] = scenario.greenSeconds(base, random, greenServed++ / (double) platform.tasks());
                    if (scenario.greenError(base, random)) {
                        errors++;
                    }
                }
                green.second(second, buffer, toGreen, errors);
            }
        }
    }

    private void ensure(int size) {
        if (buffer.length < size) {
            buffer = new double[Math.max(size, buffer.length * 2)];
        }
    }

    private int poisson(double lambda) {
        if (lambda > 60) {
            // the normal approximation: at 60 and more requests a second it is within a fraction of a request
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        int k = 0;
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}
