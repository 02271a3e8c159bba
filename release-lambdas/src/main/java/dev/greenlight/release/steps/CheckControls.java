package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.greenlight.release.Control;
import dev.greenlight.release.HoldAction;
import dev.greenlight.release.HoldPhase;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * During a bake, a hold the gate asked for, or the termination wait: honour the operator's controls, or say how
 * long to keep holding. The state machine waits {@code waitSeconds} and asks again; no Lambda ever sleeps. During
 * a bake or a hold it also takes an interim look at the gate over the step so far, so that a version failing early
 * is rolled back then rather than after the whole bake (the gate's tests stay valid however often they look).
 *
 * <p>A BAKE lasts holdSeconds from the shift; a HOLD lasts until an operator resumes, promotes or aborts, or
 * pauseTimeoutSeconds pass ({@link HoldPhase}). What follows is a {@link HoldAction}.
 */
public class CheckControls {

    /**
     * @param action      what the state machine does next
     * @param waitSeconds for WAIT and PAUSED: how long to wait before asking again; 0 otherwise
     * @param reason      why, for the record (who pressed what)
     */
    public record Result(HoldAction action, int waitSeconds, String reason) {
    }

    /** Reads a check makes side by side with renewing the lease. */
    private static final ExecutorService CALLS = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "check-controls");
        thread.setDaemon(true);
        return thread;
    });

    private final Lease lease;
    private final ReleaseRecords records;
    private final GateWindow gate;
    private final Timeline timeline;

    public CheckControls(Lease lease, ReleaseRecords records, GateWindow gate, Timeline timeline) {
        this.lease = lease;
        this.records = records;
        this.gate = gate;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        Instant now = Inputs.now(request);
        Instant since = Inputs.time(request.since(), "since");
        if (request.holdSeconds() == null || request.holdSeconds() < 0) {
            throw new InvalidInputException("the step input has no holdSeconds");
        }
        HoldPhase phase = request.phase() == null ? HoldPhase.BAKE : request.phase();
        // the record and, while time is left, the interim look are read while the lease is renewed: a check waits
        // for the slowest of the calls, not for their sum, and each check's time adds to the bake
        CompletableFuture<Optional<ReleaseRecord>> found = CompletableFuture.supplyAsync(
                () -> records.find(release.service(), release.releaseId()), CALLS);
        CompletableFuture<Interim> interim = watching(phase) && remaining(request, since, now) > 0
                ? CompletableFuture.supplyAsync(() -> interimLook(release, request, phase, since, now), CALLS)
                : null;
        lease.renew(release, now);

        ReleaseRecord record = joined(found).orElseThrow();
        Result result = check(release, request, record.controls(), phase, since, now, interim);
        track(release, request, record.progress(), phase, result);
        pausedOrResumed(release, request, record, phase, result);
        return result;
    }

    /**
     * An operator's pause enters the timeline when the workflow first holds for it, and its end when the workflow
     * goes on, with who resumed it (the RESUME the record keeps).
     */
    private void pausedOrResumed(ReleaseContext release, StepRequest request, ReleaseRecord record, HoldPhase phase,
            Result result) {
        Progress.Hold hold = record.progress() == null ? null : record.progress().hold();
        boolean wasPaused = hold != null && hold.reason() == Progress.Reason.PAUSE;
        Map<String, String> controls = record.controls();
        if (result.action() == HoldAction.PAUSED && !wasPaused) {
            timeline.decide(release, request.now(), "paused", "paused by " + controls.get(Control.PAUSE.name()),
                    Map.of("phase", phase.name()));
        } else if (wasPaused && (result.action() == HoldAction.WAIT || result.action() == HoldAction.DONE)) {
            String by = controls.get(Control.RESUME.name());
            timeline.decide(release, request.now(), "resumed", by == null ? "the pause ended" : "resumed by " + by,
                    Map.of("phase", phase.name()));
        }
    }

    private Result check(ReleaseContext release, StepRequest request, Map<String, String> controls, HoldPhase phase,
            Instant since, Instant now, CompletableFuture<Interim> interim) {
        int poll = release.plan().controlPollSeconds();
        if (controls.containsKey(Control.ABORT.name())) {
            return decided(release, request, HoldAction.ABORT, "aborted by " + controls.get(Control.ABORT.name()));
        }
        boolean watching = watching(phase);
        if (controls.containsKey(Control.PROMOTE.name()) && watching) {
            if (phase == HoldPhase.HOLD && controls.containsKey(Control.PAUSE.name())) {
                // the gate's pause must not hold the termination wait that follows
                records.setControl(release.service(), release.releaseId(), Control.RESUME,
                        "promoted by " + controls.get(Control.PROMOTE.name()), request.now());
            }
            return decided(release, request, HoldAction.PROMOTE, "promoted by " + controls.get(Control.PROMOTE.name()));
        }
        long remaining = remaining(request, since, now);
        boolean paused = controls.containsKey(Control.PAUSE.name());
        if (watching && (remaining > 0 || paused)) {
            // a pause past the end of the hold looks too, once the record has shown it
            Result failed = failed(release, request, interim != null ? joined(interim)
                    : interimLook(release, request, phase, since, now), now);
            if (failed != null) {
                return failed;
            }
        }
        if (phase == HoldPhase.HOLD) {
            return hold(release, request, controls, remaining, poll);
        }
        if (paused) {
            return new Result(HoldAction.PAUSED, poll, "paused by " + controls.get(Control.PAUSE.name()));
        }
        String what = phase == HoldPhase.BAKE ? "bake at " + percent(request) + "%" : "termination wait";
        if (remaining > 0) {
            return new Result(HoldAction.WAIT, (int) Math.min(remaining, poll),
                    remaining + " s of the " + what + " left");
        }
        return new Result(HoldAction.DONE, 0, "the " + what + " is over");
    }

    /** Records the step and what the release waits for now, where they changed. */
    private void track(ReleaseContext release, StepRequest request, Progress progress, HoldPhase phase,
            Result result) {
        if (request.step() != null && !request.step().equals(progress.step())) {
            records.setStep(release.service(), release.releaseId(), request.step());
        }
        Progress.Hold hold = switch (result.action()) {
            case WAIT -> new Progress.Hold(switch (phase) {
                case BAKE -> Progress.Reason.BAKE;
                case HOLD -> Progress.Reason.OPERATOR;
                case TERMINATION_WAIT -> Progress.Reason.TERMINATION_WAIT;
            }, request.since(), request.holdSeconds());
            case PAUSED -> progress.hold() != null && progress.hold().reason() == Progress.Reason.PAUSE
                    ? progress.hold() : new Progress.Hold(Progress.Reason.PAUSE, request.now(), null);
            default -> null;
        };
        if (!Objects.equals(hold, progress.hold())) {
            records.setHold(release.service(), release.releaseId(), hold);
        }
    }

    /**
     * The interim look over the step so far: from the shift during a bake, from the window's start during a hold.
     *
     * @param from where the window starts
     * @param look what the gate saw in it; null when the window is still empty
     */
    private record Interim(Instant from, GateWindow.Look look) {
    }

    private Interim interimLook(ReleaseContext release, StepRequest request, HoldPhase phase, Instant since,
            Instant now) {
        Instant from = phase == HoldPhase.BAKE ? since : Inputs.time(request.windowStart(), "windowStart");
        if (!now.isAfter(from)) {
            return new Interim(from, null);
        }
        StepRequest.Step step = Inputs.step(request);
        return new Interim(from, gate.look(release, step, request.smokeRequests(), from, now, false));
    }

    /** The interim look's outcome: a FAIL rolls back now; anything else means keep holding. */
    private Result failed(ReleaseContext release, StepRequest request, Interim interim, Instant now) {
        GateWindow.Look look = interim.look();
        if (look == null || look.verdict().verdict() != Verdict.FAIL) {
            return null;
        }
        StepRequest.Step step = Inputs.step(request);
        String reason = "FAIL at " + step.percent() + "% during the " + (request.phase() == HoldPhase.HOLD ? "hold"
                : "bake") + ": " + look.verdict().reason();
        timeline.decide(release, request.now(), "gate", reason, Map.of("look", "interim",
                "window", Map.of("from", interim.from().toString(), "to", now.toString()),
                "metrics", look.input(), "verdict", look.verdict()));
        return new Result(HoldAction.FAIL, 0, reason);
    }

    private static boolean watching(HoldPhase phase) {
        return phase == HoldPhase.BAKE || phase == HoldPhase.HOLD;
    }

    /** Whole seconds of the hold still to go. */
    private static long remaining(StepRequest request, Instant since, Instant now) {
        return request.holdSeconds() - Duration.between(since, now).toSeconds();
    }

        /** A result computed on another thread, with the exception it threw as it threw it. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A hold the gate asked for: it ends when an operator clears the PAUSE it set, or at the plan's timeout. */
    private Result hold(ReleaseContext release, StepRequest request, Map<String, String> controls, long remaining,
            int poll) {
        ReleasePlan plan = release.plan();
        if (!controls.containsKey(Control.PAUSE.name())) {
            return decided(release, request, "resumed", HoldAction.DONE,
                    "resumed by an operator after the gate asked for one");
        }
        if (remaining > 0) {
            return new Result(HoldAction.WAIT, (int) Math.min(remaining, poll), "waiting for an operator: " + remaining
                    + " s left before the pause times out ("
                    + plan.pauseTimeoutAction().name().toLowerCase(Locale.ROOT) + " then)");
        }
        String reason = "nobody answered the gate's pause in " + request.holdSeconds() + " s";
        if (plan.pauseTimeoutAction() == ReleasePlan.PauseTimeoutAction.ROLLBACK) {
            return decided(release, request, "pause timed out", HoldAction.ROLLBACK,
                    reason + ": rolling back, as the plan says");
        }
        records.setControl(release.service(), release.releaseId(), Control.RESUME, "gate: pause timed out",
                request.now());
        return decided(release, request, "pause timed out", HoldAction.DONE, reason + ": going on, as the plan says");
    }

    private static String percent(StepRequest request) {
        return request.step() == null ? "?" : Integer.toString(request.step().percent());
    }

    private Result decided(ReleaseContext release, StepRequest request, HoldAction action, String reason) {
        return decided(release, request, action.name().toLowerCase(Locale.ROOT), action, reason);
    }

    private Result decided(ReleaseContext release, StepRequest request, String kind, HoldAction action, String reason) {
        timeline.decide(release, request.now(), kind, reason,
                Map.of("phase", (request.phase() == null ? HoldPhase.BAKE : request.phase()).name()));
        return new Result(action, 0, reason);
    }
}
