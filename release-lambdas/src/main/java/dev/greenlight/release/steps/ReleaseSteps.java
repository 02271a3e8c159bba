package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecords;
import tools.jackson.databind.json.JsonMapper;

/** What every step shares: the AWS adapters, the Releases table, and the checks of its input. */
public class ReleaseSteps {

    final ReleaseProperties properties;
    final Services services;
    final Traffic traffic;
    final Metrics metrics;
    final ReleaseLock lock;
    final ReleaseQueue queue;
    final ReleaseRecords records;
    final JsonMapper json;

    public ReleaseSteps(ReleaseProperties properties, Services services, Traffic traffic, Metrics metrics,
            ReleaseLock lock, ReleaseQueue queue, ReleaseRecords records, JsonMapper json) {
        this.properties = properties;
        this.services = services;
        this.traffic = traffic;
        this.metrics = metrics;
        this.lock = lock;
        this.queue = queue;
        this.records = records;
        this.json = json;
    }

    static ReleaseContext release(StepRequest request) {
        if (request == null || request.release() == null) {
            throw new InvalidInputException("the step input has no release; it must come from Prepare");
        }
        ReleaseContext release = request.release();
        if (release.releaseId() == null || release.green() == null || release.plan() == null
                || release.outcome() != PrepareOutcome.PROCEED) {
            throw new InvalidInputException("the release in the step input is incomplete or did not proceed: "
                    + release.releaseId());
        }
        return release;
    }

    static StepRequest.Step step(StepRequest request) {
        StepRequest.Step step = request.step();
        if (step == null || step.percent() < 1 || step.percent() > 100) {
            throw new InvalidInputException("the step input has no traffic step with a percent from 1 to 100");
        }
        return step;
    }

    static Instant time(String value, String name) {
        if (value == null) {
            throw new InvalidInputException("the step input has no " + name);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " is not an ISO-8601 instant: " + value);
        }
    }

    /**
     * Renews the release's lock lease; every step after Prepare does, so a live release never loses it. A
     * release that already ended (a retry of its last step) has nothing to renew.
     *
     * @throws dev.greenlight.release.store.ReleaseLockLostException if another release took the lock
     */
    void renewLease(ReleaseContext release, Instant now) {
        try {
            lock.renew(release.service(), release.releaseId(), now, Duration.ofSeconds(properties.lockLeaseSeconds()));
        } catch (dev.greenlight.release.store.ReleaseLockLostException lost) {
            boolean ended = records.find(release.service(), release.releaseId())
                    .map(record -> record.state().isFinal()).orElse(false);
            if (!ended || lock.holder(release.service()).isPresent()) {
                throw lost;
            }
        }
    }

    /** The listener's weights by slot name (A, B), for the slots' target groups. */
    Map<String, Integer> weightsBySlot() {
        Map<String, Integer> byArn = traffic.weights(properties.listenerArn());
        Map<String, Integer> bySlot = new LinkedHashMap<>();
        for (String slot : new String[] {"A", "B"}) {
            bySlot.put(slot, byArn.getOrDefault(properties.slot(slot).targetGroupArn(), 0));
        }
        return bySlot;
    }

    /** Weights by target group ARN for a split by slot. */
    Map<String, Integer> byTargetGroup(Map<String, Integer> bySlot) {
        Map<String, Integer> byArn = new LinkedHashMap<>();
        bySlot.forEach((slot, weight) -> byArn.put(properties.slot(slot).targetGroupArn(), weight));
        return byArn;
    }

    /** Green at {@code percent}, blue at the rest. */
    static Map<String, Integer> split(ReleaseContext release, int percent) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("A", 0);
        weights.put("B", 0);
        weights.put(release.green().slot(), percent);
        SlotRef blue = release.blue();
        if (blue != null) {
            weights.put(blue.slot(), 100 - percent);
        }
        return weights;
    }

    /**
     * What the gate judges green on over a step's window: both slots' ALB metrics, the balancer's, the alarms, and
     * the latency counts.
     */
    GateInput gateInput(ReleaseContext release, StepRequest.Step step, Instant from, Instant to, boolean verdict) {
        Instant firstShift = step.firstShiftedAt() == null ? null : time(step.firstShiftedAt(), "step.firstShiftedAt");
        return new GateReadings(metrics, properties.metricsResolutionSeconds()).read(release.plan().gate(),
                release.green().targetGroupArn(), properties.task().desiredCount(),
                release.blue() == null ? null : release.blue().targetGroupArn(), step.percent(), firstShift, from, to,
                verdict);
    }

    /** Where a look at this step is in the release, for the gate. */
    static Gate.Look look(ReleaseContext release, StepRequest.Step step, boolean endOfBake) {
        return new Gate.Look(release.plan().steps().size(), step.percent(), endOfBake);
    }

    void decide(ReleaseContext release, String at, String kind, String message, Object evidence) {
        records.record(release.service(), release.releaseId(),
                new Decision(at, kind, message, evidence == null ? null : json.writeValueAsString(evidence)));
    }
}
