package dev.greenlight.statemachine.release;

import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.greenlight.statemachine.release.ReleaseHarness.T0;
import static dev.greenlight.statemachine.release.ReleaseHarness.gate;
import static dev.greenlight.statemachine.release.ReleaseHarness.health;
import static dev.greenlight.statemachine.release.ReleaseHarness.prepared;
import static dev.greenlight.statemachine.release.ReleaseHarness.states;
import static org.assertj.core.api.Assertions.assertThat;

/** The real release.asl.json, run by the engine with stubbed release functions, along every path. */
class ReleaseWorkflowTest {

    private static final List<String> UNTIL_SMOKE = List.of(
            "Prepare release", "Route prepared release", "Deploy green", "Wait for green", "Check green health",
            "Is green healthy?", "Smoke test green", "Did the smoke test pass?", "Is this the first release?");

    private final ReleaseHarness harness = new ReleaseHarness();

    /** The states of one step whose bake takes {@code bakeChecks} checks before the gate. */
    private static List<String> step(int bakeChecks, String afterGate) {
        List<String> states = new ArrayList<>(List.of("Verify before shift", "Is it safe to shift?", "Shift traffic",
                "Bake at this step?"));
        for (int i = 0; i < bakeChecks - 1; i++) {
            states.addAll(List.of("Check bake", "Bake decision", "Bake"));
        }
        states.addAll(List.of("Check bake", "Bake decision", "Evaluate gate", "Gate verdict", afterGate));
        return states;
    }

    /** The states from 100 % to the end when the termination wait takes {@code checks} checks. */
    private static List<String> finish(int checks) {
        List<String> states = new ArrayList<>(List.of("Is there a blue to remove?", "Start termination wait"));
        for (int i = 0; i < checks - 1; i++) {
            states.addAll(List.of("Check termination wait", "Termination wait decision", "Keep blue for the termination wait"));
        }
        states.addAll(List.of("Check termination wait", "Termination wait decision", "Finish release", "Released"));
        return states;
    }

    private static List<String> concat(List<?>... parts) {
        List<String> all = new ArrayList<>();
        for (List<?> part : parts) {
            part.forEach(item -> all.add((String) item));
        }
        return all;
    }

    /** 900 s of termination wait polled every 60 s: 15 checks say WAIT, the 16th says DONE. */
    private static final List<String> FINISH = finish(16);

    @Test
    void successInThreeSteps_shiftsTenFiftyHundredThenRemovesBlue() throws Exception {
        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // bake 300 s polled every 60 s: 5 checks say WAIT, the 6th says DONE
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift"),
                step(6, "Is this the last step?"), List.of("Next step"),
                step(6, "Is this the last step?"), List.of("Next step"),
                step(6, "Is this the last step?"), FINISH));
        assertThat(execution.output()).isEqualTo(Json.parse("""
                {"outcome": "RELEASED", "releaseId": "rel-42",
                 "image": {"repository": "greenlight-blog", "digest": "%s", "tag": "v42"},
                 "slot": "B", "weights": {"blue": 0, "green": 100},
                 "finish": {"blueDeleted": true, "lockReleased": true}}""".formatted(ReleaseHarness.DIGEST)));
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).extracting(p -> p.get("step").get("percent").asInt())
                .containsExactly(10, 50, 100);
        // 15 s health poll + 3 bakes of 300 s + the 900 s termination wait, all on the virtual clock
        assertThat(execution.stopDate()).isEqualTo(T0.plus(Duration.ofSeconds(15 + 3 * 300 + 900)));
    }

    @Test
    void prepareGetsTheOriginalEventAndTheExecutionId() throws Exception {
        Execution execution = harness.run();

        JsonNode payload = harness.lambdas.payloadsOf("Prepare").get(0);
        assertThat(payload.get("event")).isEqualTo(ReleaseHarness.pushEvent());
        assertThat(payload.get("executionId").asString()).isEqualTo(execution.executionArn());
        assertThat(payload.get("now").asString()).isEqualTo("2026-03-01T10:00:00.000Z");
    }

    @Test
    void firstRelease_withNoBlue_goesStraightToFullTraffic() throws Exception {
        harness.lambdas.on("Prepare", Result.returns(prepared(true)));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Go live at once",
                "Verify before shift", "Is it safe to shift?", "Shift traffic", "Bake at this step?",
                "Is there a blue to remove?", "Finish release", "Released")));
        assertThat(execution.output().get("weights")).isEqualTo(Json.parse("{\"blue\": 0, \"green\": 100}"));
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).hasSize(1);
    }

    @Test
    void greenNeverHealthy_rollsBackAtTheDeadlineWithoutTouchingTraffic() throws Exception {
        harness.lambdas.compute("CheckGreenHealth", payload -> Result.returns(health(false, 1, payload.get("now").asString())));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.GreenNotHealthy");
        assertThat(execution.cause()).isEqualTo("green had 1 of 2 healthy targets at the health deadline 2026-03-01T10:10:00Z");
        List<String> states = states(execution);
        // 600 s deadline polled every 15 s: the 40th check is at the deadline
        assertThat(Collections.frequency(states, "Check green health")).isEqualTo(40);
        assertThat(states.subList(states.size() - 4, states.size())).containsExactly(
                "Is green healthy?", "Green never became healthy", "Roll back", "Release rolled back");
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).isEmpty();
        assertThat(harness.lambdas.payloadsOf("RollBack").get(0).get("failure").get("Error").asString())
                .isEqualTo("Release.GreenNotHealthy");
    }

    @Test
    void gateFailAtFiftyPercent_rollsBack() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("PASS", "PROCEED", 0, "ok")),
                Result.returns(gate("FAIL", "ROLLBACK", 0, "green 5xx rate 4.2% vs blue 0.1%")));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift"),
                step(6, "Is this the last step?"), List.of("Next step"),
                step(6, "Gate failed"), List.of("Roll back", "Release rolled back")));
        assertThat(execution.error()).isEqualTo("Release.GateFailed");
        assertThat(execution.cause()).isEqualTo("green 5xx rate 4.2% vs blue 0.1%");
        JsonNode rollback = harness.lambdas.payloadsOf("RollBack").get(0);
        assertThat(rollback.get("failure")).isEqualTo(Json.parse(
                "{\"Error\": \"Release.GateFailed\", \"Cause\": \"green 5xx rate 4.2% vs blue 0.1%\"}"));
        assertThat(rollback.get("release").get("releaseId").asString()).isEqualTo("rel-42");
    }

    @Test
    void inconclusiveThenPass_extendsTheBakeByWhatTheGateAskedThenGoesOn() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("INCONCLUSIVE", "EXTEND", 300, "needs 1200 more green requests")),
                Result.returns(gate("PASS", "PROCEED", 0, "ok")));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<String> firstStep = new ArrayList<>(step(6, "Extend bake"));
        // the extension adds 300 s: 5 more checks that say WAIT, then the gate again
        for (int i = 0; i < 5; i++) {
            firstStep.addAll(List.of("Check bake", "Bake decision", "Bake"));
        }
        firstStep.addAll(List.of("Check bake", "Bake decision", "Evaluate gate", "Gate verdict", "Is this the last step?"));
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift"),
                firstStep, List.of("Next step"), step(6, "Is this the last step?"), List.of("Next step"),
                step(6, "Is this the last step?"), FINISH));
        List<JsonNode> gates = harness.lambdas.payloadsOf("EvaluateGate");
        assertThat(gates.get(1).get("step").get("bakeSeconds").asInt()).isEqualTo(600);
        assertThat(gates.get(1).get("step").get("extensions").asInt()).isEqualTo(1);
        assertThat(gates.get(2).get("step").get("extensions").asInt()).isZero();
        assertThat(execution.output().get("outcome").asString()).isEqualTo("RELEASED");
    }

    @Test
    void inconclusiveWithRollbackAsThePolicy_rollsBack() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("INCONCLUSIVE", "EXTEND", 60, "needs 300 more green requests")),
                Result.returns(gate("INCONCLUSIVE", "ROLLBACK", 0, "too little traffic")));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.GateInconclusive");
        assertThat(execution.cause()).isEqualTo("too little traffic");
        assertThat(states(execution)).containsSubsequence("Evaluate gate", "Gate verdict", "Extend bake",
                "Evaluate gate", "Gate verdict", "Gate inconclusive", "Roll back", "Release rolled back");
    }

    @Test
    void inconclusiveWithProceedAsThePolicy_goesOnToTheNextStep() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("INCONCLUSIVE", "PROCEED", 0, "too little traffic")),
                Result.returns(gate("PASS", "PROCEED", 0, "ok")));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).hasSize(3);
    }

    @Test
    void aHoldTheGateAskedFor_waitsForTheOperatorWhoResumes() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("INCONCLUSIVE", "HOLD", 0, "needs 4000 more green requests")),
                Result.returns(gate("PASS", "PROCEED", 0, "ok")));
        harness.controlsDuring("HOLD",
                Result.returns("{\"action\": \"WAIT\", \"waitSeconds\": 60, \"reason\": \"waiting for an operator\"}"),
                Result.returns("{\"action\": \"DONE\", \"waitSeconds\": 0, \"reason\": \"resumed by an operator\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsSubsequence("Evaluate gate", "Gate verdict", "Hold for an operator",
                "Check hold", "Hold decision", "Wait for an operator", "Check hold", "Hold decision",
                "Is this the last step?", "Next step");
        JsonNode hold = harness.lambdas.payloadsOf("CheckControls").stream()
                .filter(p -> p.get("phase").asString().equals("HOLD")).findFirst().orElseThrow();
        assertThat(hold.get("holdSeconds").asInt()).isEqualTo(600);
        assertThat(hold.get("windowStart").asString()).isEqualTo(harness.lambdas.payloadsOf("ShiftTraffic").get(0)
                .get("now").asString());
    }

    @Test
    void aHoldNobodyAnswered_rollsBackWhenThePlanSaysSo() throws Exception {
        harness.lambdas.on("EvaluateGate", Result.returns(gate("INCONCLUSIVE", "HOLD", 0, "needs more traffic")));
        harness.controlsDuring("HOLD", Result.returns("{\"action\": \"ROLLBACK\", \"waitSeconds\": 0, \"reason\":"
                + " \"nobody answered the gate's pause in 600 s\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.GateInconclusive");
        assertThat(execution.cause()).isEqualTo("nobody answered the gate's pause in 600 s");
        assertThat(states(execution)).endsWith("Check hold", "Hold decision", "Pause timed out", "Roll back",
                "Release rolled back");
    }

    @Test
    void anInterimFailureOrAnAbortDuringAHold_rollsBack() throws Exception {
        harness.lambdas.on("EvaluateGate", Result.returns(gate("INCONCLUSIVE", "HOLD", 0, "needs more traffic")));
        harness.controlsDuring("HOLD", Result.returns("{\"action\": \"FAIL\", \"waitSeconds\": 0, \"reason\":"
                + " \"FAIL at 10% during the hold: green is slower\"}"));

        Execution failed = harness.run();

        assertThat(failed.error()).isEqualTo("Release.GateFailed");
        assertThat(states(failed)).endsWith("Hold decision", "Gate failed during the bake", "Roll back",
                "Release rolled back");

        ReleaseHarness other = new ReleaseHarness();
        other.lambdas.on("EvaluateGate", Result.returns(gate("INCONCLUSIVE", "HOLD", 0, "needs more traffic")));
        other.controlsDuring("HOLD", Result.returns("{\"action\": \"ABORT\", \"waitSeconds\": 0, \"reason\":"
                + " \"aborted by carol\"}"));
        Execution aborted = other.run();

        assertThat(aborted.error()).isEqualTo("Release.Aborted");
        assertThat(aborted.cause()).isEqualTo("aborted by carol");
    }

    @Test
    void everyGateLookAfterTheFirstShift_knowsWhenGreenFirstGotTraffic() throws Exception {
        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String firstShift = harness.lambdas.payloadsOf("ShiftTraffic").get(0).get("now").asString();
        List<JsonNode> gates = harness.lambdas.payloadsOf("EvaluateGate");
        assertThat(gates.get(0).get("step").has("firstShiftedAt")).isFalse();
        assertThat(gates.subList(1, 3)).allSatisfy(g -> assertThat(g.get("step").get("firstShiftedAt").asString())
                .isEqualTo(firstShift));
    }

    @Test
    void refusedAtPreflight_endsFailedWithoutTouchingAnything() throws Exception {
        harness.lambdas.on("Prepare", Result.returns("{\"outcome\": \"REFUSED\", \"reason\": \"pre-flight: alarm in"
                + " ALARM before the release: blog-5xx\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.PreflightRefused");
        assertThat(execution.cause()).isEqualTo("pre-flight: alarm in ALARM before the release: blog-5xx");
        assertThat(states(execution)).containsExactly("Prepare release", "Route prepared release",
                "Refused at pre-flight");
        assertThat(harness.lambdas.calls()).hasSize(1);
    }

    @Test
    void lambdaExceptionMidShift_isCaughtAndRollsBack() throws Exception {
        harness.lambdas.compute("ShiftTraffic", payload -> payload.get("step").get("percent").asInt() == 50
                ? Result.fails("ListenerRuleConflictException", "the listener rule was changed by someone else")
                : Result.returns("{\"weights\": {\"blue\": 90, \"green\": 10}, \"shiftedAt\": \"" + payload.get("now").asString()
                        + "\", \"firstShiftedAt\": \"" + payload.get("now").asString() + "\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ListenerRuleConflictException");
        assertThat(execution.cause()).isEqualTo("the listener rule was changed by someone else");
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift"),
                step(6, "Is this the last step?"), List.of("Next step", "Verify before shift", "Is it safe to shift?",
                        "Shift traffic", "Roll back", "Release rolled back")));
    }

    @Test
    void transientLambdaErrors_areRetriedWithBackoffAndTheReleaseGoesOn() throws Exception {
        harness.lambdas.on("DeployGreen",
                Result.fails("Lambda.TooManyRequestsException", "Rate exceeded"),
                Result.fails("Lambda.ServiceException", "internal error"),
                Result.returns("{\"deployedAt\": \"2026-03-01T10:00:00Z\", \"healthDeadline\": \"2026-03-01T10:10:00Z\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(harness.lambdas.payloadsOf("DeployGreen")).hasSize(3);
        assertThat(execution.history()).filteredOn(e -> e.type().equals("LambdaFunctionFailed")).hasSize(2);
    }

    @Test
    void abortDuringABake_rollsBack() throws Exception {
        harness.controlsDuring("BAKE",
                Result.returns("{\"action\": \"WAIT\", \"waitSeconds\": 60, \"reason\": \"baking\"}"),
                Result.returns("{\"action\": \"ABORT\", \"waitSeconds\": 0, \"reason\": \"aborted by alice: error spike\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.Aborted");
        assertThat(execution.cause()).isEqualTo("aborted by alice: error spike");
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift",
                "Verify before shift", "Is it safe to shift?", "Shift traffic", "Bake at this step?",
                "Check bake", "Bake decision", "Bake", "Check bake", "Bake decision",
                "Aborted by operator", "Roll back", "Release rolled back")));
    }

    @Test
    void anInterimGateFailureDuringABake_rollsBackWithoutWaitingForTheEndOfTheBake() throws Exception {
        harness.controlsDuring("BAKE",
                Result.returns("{\"action\": \"WAIT\", \"waitSeconds\": 60, \"reason\": \"baking\"}"),
                Result.returns("{\"action\": \"FAIL\", \"waitSeconds\": 0, \"reason\": \"FAIL at 10% during the"
                        + " bake: green's 5xx rate is higher than blue's beyond the margin\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.GateFailed");
        assertThat(execution.cause()).startsWith("FAIL at 10% during the bake");
        assertThat(harness.lambdas.payloadsOf("EvaluateGate")).isEmpty();
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift",
                "Verify before shift", "Is it safe to shift?", "Shift traffic", "Bake at this step?",
                "Check bake", "Bake decision", "Bake", "Check bake", "Bake decision",
                "Gate failed during the bake", "Roll back", "Release rolled back")));
    }

    @Test
    void promoteDuringABake_skipsTheRestAndGoesToFullTraffic() throws Exception {
        harness.controlsDuring("BAKE",
                Result.returns("{\"action\": \"PAUSED\", \"waitSeconds\": 60, \"reason\": \"paused by bob\"}"),
                Result.returns("{\"action\": \"PROMOTE\", \"waitSeconds\": 0, \"reason\": \"promoted by bob\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsExactlyElementsOf(concat(UNTIL_SMOKE, List.of("Start traffic shift",
                "Verify before shift", "Is it safe to shift?", "Shift traffic", "Bake at this step?",
                "Check bake", "Bake decision", "Paused by operator", "Check bake", "Bake decision",
                "Promote to full traffic", "Verify before shift", "Is it safe to shift?", "Shift traffic",
                "Bake at this step?"), FINISH));
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).extracting(p -> p.get("step").get("percent").asInt())
                .containsExactly(10, 100);
        assertThat(harness.lambdas.payloadsOf("EvaluateGate")).isEmpty();
        assertThat(execution.output().get("weights")).isEqualTo(Json.parse("{\"blue\": 0, \"green\": 100}"));
    }

    @Test
    void queuedBehindAnotherRelease_waitsThenProceeds() throws Exception {
        harness.lambdas.on("Prepare",
                Result.returns("{\"outcome\": \"QUEUED\", \"reason\": \"rel-41 holds the lock\", \"retryAfterSeconds\": 120}"),
                Result.returns("{\"outcome\": \"QUEUED\", \"reason\": \"rel-41 holds the lock\", \"retryAfterSeconds\": 120}"),
                Result.returns(prepared(false)));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution).subList(0, 8)).containsExactly("Prepare release", "Route prepared release",
                "Wait in queue", "Prepare release", "Route prepared release", "Wait in queue", "Prepare release",
                "Route prepared release");
        assertThat(states(execution).get(8)).isEqualTo("Deploy green");
        assertThat(harness.lambdas.payloadsOf("Prepare")).hasSize(3)
                .allSatisfy(payload -> assertThat(payload.get("event")).isEqualTo(ReleaseHarness.pushEvent()));
        assertThat(execution.output().get("outcome").asString()).isEqualTo("RELEASED");
    }

    @Test
    void superseded_endsWithoutTouchingAnything() throws Exception {
        harness.lambdas.on("Prepare",
                Result.returns("{\"outcome\": \"QUEUED\", \"reason\": \"rel-41 holds the lock\", \"retryAfterSeconds\": 60}"),
                Result.returns("{\"outcome\": \"SUPERSEDED\", \"reason\": \"v43 was pushed after v42\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsExactly("Prepare release", "Route prepared release", "Wait in queue",
                "Prepare release", "Route prepared release", "Superseded by a newer image");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"outcome\": \"SUPERSEDED\", \"reason\": \"v43 was pushed after v42\"}"));
        assertThat(harness.lambdas.calls()).extracting(call -> call.function()).containsOnly("Prepare");
    }

    @Test
    void sameDigestAlreadyLive_isANoOp() throws Exception {
        harness.lambdas.on("Prepare", Result.returns("{\"outcome\": \"NOOP\", \"reason\": \"digest already serves on slot A\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(states(execution)).containsExactly("Prepare release", "Route prepared release", "Image already live");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"outcome\": \"NOOP\", \"reason\": \"digest already serves on slot A\"}"));
        assertThat(harness.lambdas.calls()).hasSize(1);
    }

    @Test
    void prepareFailure_abandonsTheReleaseWithoutRollingBack() throws Exception {
        harness.lambdas.on("Prepare", Result.fails("InvalidReleaseEvent", "repository other-repo is not the blog's"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("InvalidReleaseEvent");
        assertThat(states(execution)).containsExactly("Prepare release", "Abandon release", "Release not started");
        assertThat(harness.lambdas.payloadsOf("RollBack")).isEmpty();
    }

    @Test
    void smokeTestFailure_rollsBackBeforeAnyTrafficMoves() throws Exception {
        harness.lambdas.on("SmokeTest", Result.returns("{\"passed\": false, \"reason\": \"GET / answered 500\","
                + " \"answered\": [{\"second\": \"2026-03-01T10:00:15Z\", \"requests\": 1}]}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.SmokeTestFailed");
        assertThat(states(execution)).endsWith("Smoke test failed", "Roll back", "Release rolled back");
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).isEmpty();
    }

    @Test
    void failedRollback_endsAsRollbackFailed() throws Exception {
        harness.lambdas.on("SmokeTest", Result.returns("{\"passed\": false, \"reason\": \"GET / answered 500\","
                + " \"answered\": [{\"second\": \"2026-03-01T10:00:15Z\", \"requests\": 1}]}"));
        harness.lambdas.on("RollBack", Result.fails("BlueUnhealthyException", "blue has 0 of 2 healthy targets"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.RollbackFailed");
        assertThat(execution.cause()).isEqualTo("blue has 0 of 2 healthy targets");
    }

    @Test
    void everyTaskAfterPrepareIsCaughtIntoRollBack() {
        JsonNode states = ReleaseHarness.releaseMachine().definition().get("States");
        List<String> uncaught = new ArrayList<>();
        states.properties().forEach(entry -> {
            JsonNode state = entry.getValue();
            if (state.get("Type").asString().equals("Task")) {
                JsonNode retry = state.get("Retry").get(0).get("ErrorEquals");
                assertThat(retry.toString()).contains("Lambda.ServiceException", "Lambda.AWSLambdaException",
                        "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
                String catchTarget = state.path("Catch").path(0).path("Next").asString("");
                boolean beforeGreen = List.of("Prepare release", "Abandon release").contains(entry.getKey());
                boolean isRollback = entry.getKey().equals("Roll back");
                if (!beforeGreen && !isRollback && !catchTarget.equals("Roll back")) {
                    uncaught.add(entry.getKey());
                }
            }
        });
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aPlanInTheExecutionInputReachesPrepare() throws Exception {
        ObjectNode input = (ObjectNode) ReleaseHarness.pushEvent();
        input.set("plan", Json.parse("{\"steps\": [50, 100], \"bakeSeconds\": 60}"));

        harness.run(input);

        assertThat(harness.lambdas.payloadsOf("Prepare").get(0).get("event").get("plan"))
                .isEqualTo(Json.parse("{\"steps\": [50, 100], \"bakeSeconds\": 60}"));
    }

    @Test
    void planAndTimingsComeFromPrepare() throws Exception {
        ObjectNode release = prepared(false);
        ((ObjectNode) release.get("plan")).set("steps", Json.parse("[25, 100]"));
        ((ObjectNode) release.get("plan")).set("bakeSeconds", Json.parse("[120, 30]"));
        harness.lambdas.on("Prepare", Result.returns(release));

        Execution execution = harness.run();

        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).extracting(p -> p.get("step").get("percent").asInt())
                .containsExactly(25, 100);
        assertThat(harness.lambdas.payloadsOf("EvaluateGate")).extracting(p -> p.get("step").get("bakeSeconds").asInt())
                .containsExactly(120, 30);
        assertThat(execution.stopDate()).isEqualTo(T0.plus(Duration.ofSeconds(15 + 120 + 30 + 900)));
    }

    @Test
    void anIncompleteResultMidShift_rollsBackInsteadOfLeavingTrafficSplit() throws Exception {
        harness.lambdas.on("CheckControls", Result.returns("{\"action\": \"WAIT\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.IncompleteStepResult");
        assertThat(states(execution)).endsWith("Shift traffic", "Bake at this step?", "Check bake", "Bake decision",
                "Step result incomplete", "Roll back", "Release rolled back");
    }

    @Test
    void everyGateLook_isToldTheSmokeTestsRequests_soItCanLeaveThemOutOfGreensCounts() throws Exception {
        harness.lambdas.on("EvaluateGate",
                Result.returns(gate("INCONCLUSIVE", "HOLD", 0, "needs 4000 more green requests")),
                Result.returns(gate("PASS", "PROCEED", 0, "ok")));
        harness.controlsDuring("HOLD",
                Result.returns("{\"action\": \"DONE\", \"waitSeconds\": 0, \"reason\": \"resumed by an operator\"}"));

        Execution execution = harness.run();

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode answered = Json.parse(ReleaseHarness.SMOKE).get("answered");
        List<JsonNode> looks = new ArrayList<>(harness.lambdas.payloadsOf("EvaluateGate"));
        harness.lambdas.payloadsOf("CheckControls").stream()
                .filter(p -> !p.get("phase").asString().equals("TERMINATION_WAIT")).forEach(looks::add);
        assertThat(looks).hasSizeGreaterThan(4)
                .allSatisfy(look -> assertThat(look.get("smokeRequests")).isEqualTo(answered));
    }

    @Test
    void aSmokeResultWithoutItsRequests_rollsBackBeforeAnyTrafficMoves() throws Exception {
        harness.lambdas.on("SmokeTest", Result.returns("{\"passed\": true, \"reason\": \"all 200\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.IncompleteStepResult");
        assertThat(states(execution)).endsWith("Smoke test green", "Did the smoke test pass?", "Step result incomplete",
                "Roll back", "Release rolled back");
        assertThat(harness.lambdas.payloadsOf("ShiftTraffic")).isEmpty();
    }

    @Test
    void aBakeWaitThatIsNotANumber_rollsBack() throws Exception {
        harness.lambdas.on("CheckControls", Result.returns("{\"action\": \"WAIT\", \"waitSeconds\": \"soon\", \"reason\": \"baking\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.IncompleteStepResult");
    }

    @Test
    void proceedWithoutACompletePlan_isAbandonedBeforeAnythingIsTouched() throws Exception {
        ObjectNode release = prepared(false);
        ((ObjectNode) release.get("plan")).remove("terminationWaitSeconds");
        harness.lambdas.on("Prepare", Result.returns(release));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.PrepareResultNotUsable");
        assertThat(states(execution)).containsExactly("Prepare release", "Route prepared release",
                "Prepare result not usable", "Abandon release", "Release not started");
        assertThat(harness.lambdas.calls()).extracting(call -> call.function()).containsExactly("Prepare", "AbandonRelease");
    }

    @Test
    void anUnknownPrepareOutcome_isAbandoned() throws Exception {
        harness.lambdas.on("Prepare", Result.returns("{\"outcome\": \"MAYBE\", \"reason\": \"?\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.PrepareResultNotUsable");
        assertThat(harness.lambdas.payloadsOf("AbandonRelease").get(0).get("failure").get("Error").asString())
                .isEqualTo("Release.PrepareResultNotUsable");
    }

    @Test
    void abortDuringTheTerminationWait_goesBackToBlue() throws Exception {
        harness.controlsDuring("TERMINATION_WAIT",
                Result.returns("{\"action\": \"WAIT\", \"waitSeconds\": 60, \"reason\": \"holding blue\"}"),
                Result.returns("{\"action\": \"ABORT\", \"waitSeconds\": 0, \"reason\": \"aborted by carol: latency\"}"));

        Execution execution = harness.run();

        assertThat(execution.error()).isEqualTo("Release.Aborted");
        assertThat(execution.cause()).isEqualTo("aborted by carol: latency");
        assertThat(states(execution)).endsWith("Start termination wait", "Check termination wait", "Termination wait decision",
                "Keep blue for the termination wait", "Check termination wait", "Termination wait decision",
                "Aborted during the termination wait", "Roll back", "Release rolled back");
        assertThat(harness.lambdas.payloadsOf("FinishRelease")).isEmpty();
    }

    @Test
    void theTerminationWaitIsTimedFromItsStart() throws Exception {
        Execution execution = harness.run();

        List<JsonNode> holds = harness.lambdas.payloadsOf("CheckControls").stream()
                .filter(payload -> payload.get("phase").asString().equals("TERMINATION_WAIT")).toList();
        assertThat(holds).hasSize(16);
        assertThat(holds.get(0).get("holdSeconds").asInt()).isEqualTo(900);
        assertThat(holds.get(0).get("since")).isEqualTo(holds.get(0).get("now"));
        assertThat(holds.get(15).get("now").asString()).isEqualTo("2026-03-01T10:30:15.000Z");
        assertThat(execution.output().get("outcome").asString()).isEqualTo("RELEASED");
    }
}
