package dev.greenlight.localcloud.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each release function called by hand against the local ECS, ALB and CloudWatch and dynalite, in workflow
 * order, each one twice with the same input: the second call must change nothing (Lambda and Step Functions
 * both retry). Then each one given malformed input, which it must reject by name without changing anything.
 */
class FunctionsOnLocalCloudTest {

    @TempDir
    static Path dir;
    static ReleaseRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new ReleaseRig(dir);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void everyStep_twice_leavesTheStateOneCallLeaves() throws Exception {
        Image v1 = rig.push("f1", Map.of());
        JsonNode release = twice("prepare", prepareInput(v1, "exec-f1"));
        assertThat(release.get("outcome").asString()).isEqualTo("PROCEED");
        assertThat(release.get("firstRelease").asBoolean()).isTrue();
        assertThat(rig.fixture.cloud.ecs().listTaskDefinitions(r -> r.familyPrefix("greenlight-blog"))
                .taskDefinitionArns()).hasSize(1);

        JsonNode deployed = twice("deployGreen", step(release, null, now()));
        assertThat(deployed.get("serviceName").asString()).isEqualTo("blog-a");
        assertThat(rig.activeServices()).containsExactly("blog-a");

        Poll.until(Duration.ofSeconds(90), "green healthy", () -> call("checkGreenHealth", step(release, null, now()))
                .payload().get("healthy").asBoolean());
        JsonNode health = twice("checkGreenHealth", step(release, null, now()));
        assertThat(health.get("healthyTargets").asInt()).isEqualTo(1);

        JsonNode smoke = twice("smokeTest", step(release, null, now()));
        assertThat(smoke.get("passed").asBoolean()).as(smoke.toString()).isTrue();

        ObjectNode full = step(release, stepAt(100, 0, 0), now());
        assertThat(twice("verifyTraffic", full).get("ok").asBoolean()).isTrue();
        JsonNode shifted = twice("shiftTraffic", full);
        assertThat(shifted.get("percent").asInt()).isEqualTo(100);
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));

        JsonNode finished = call("finishRelease", full).payload();
        assertThat(call("finishRelease", full).payload().get("removedService").isNull()).isTrue();
        assertThat(finished.get("weights").get("A").asInt()).isEqualTo(100);
        assertState(v1, ReleaseState.RELEASED);

        Image v2 = rig.push("f2", Map.of());
        JsonNode second = twice("prepare", prepareInput(v2, "exec-f2"));
        assertThat(second.get("blue").get("slot").asString()).isEqualTo("A");
        assertThat(second.get("green").get("slot").asString()).isEqualTo("B");
        twice("deployGreen", step(second, null, now()));
        Poll.until(Duration.ofSeconds(90), "green healthy", () -> call("checkGreenHealth", step(second, null, now()))
                .payload().get("healthy").asBoolean());

        String shiftTime = now();
        ObjectNode half = step(second, stepAt(50, 0, 1), shiftTime);
        assertThat(twice("verifyTraffic", half).get("ok").asBoolean()).isTrue();
        twice("shiftTraffic", half);
        assertThat(rig.weights()).isEqualTo(Map.of("A", 50, "B", 50));

        ObjectNode bake = step(second, stepAt(50, 0, 1), now());
        bake.put("phase", "BAKE");
        bake.put("since", shiftTime);
        bake.put("holdSeconds", 3600);
        JsonNode control = twice("checkControls", bake);
        assertThat(control.get("action").asString()).isEqualTo("WAIT");

        ObjectNode gate = step(second, stepAt(50, 0, 1), null);
        gate.put("windowStart", shiftTime);
        gate.put("windowEnd", Instant.parse(shiftTime).plusSeconds(5).toString());
        JsonNode verdict = twice("evaluateGate", gate);
        assertThat(verdict.get("verdict").asString()).isEqualTo("INCONCLUSIVE");
        assertThat(record(v2).timeline()).filteredOn(d -> d.kind().equals("gate")).hasSize(1);

        ObjectNode rollback = step(second, null, now());
        rollback.set("failure", Json.parse("{\"Error\": \"Release.Aborted\", \"Cause\": \"test\"}"));
        JsonNode rolledBack = twice("rollBack", rollback);
        assertThat(rolledBack.get("rolledBack").asBoolean()).isTrue();
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.activeServices()).containsExactly("blog-a");
        assertState(v2, ReleaseState.ROLLED_BACK);
        assertThat(record(v2).timeline()).filteredOn(d -> d.kind().equals("shifted")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deployGreen", "checkGreenHealth", "smokeTest", "verifyTraffic", "shiftTraffic",
        "checkControls", "evaluateGate", "finishRelease", "rollBack"})
    void malformedInput_isRejectedByNameAndChangesNothing(String function) {
        Map<String, Integer> weights = rig.weights();
        List<String> services = rig.activeServices();

        LambdaResponse empty = call(function, Json.object());
        LambdaResponse wrongTypes = call(function, Json.parse(
                "{\"release\": {\"outcome\": \"PROCEED\", \"releaseId\": 42, \"green\": \"B\"}, \"now\": \"yesterday\"}"));

        for (LambdaResponse response : List.of(empty, wrongTypes)) {
            assertThat(response.functionError()).isEqualTo("Unhandled");
            assertThat(response.payload().get("errorMessage").asString()).isNotBlank();
        }
        assertThat(empty.payload().get("errorType").asString()).endsWith("InvalidInputException");
        assertThat(rig.weights()).isEqualTo(weights);
        assertThat(rig.activeServices()).isEqualTo(services);
    }

    @Test
    void prepare_rejectsAMalformedEventWithoutTakingTheLock() {
        ObjectNode input = Json.object();
        input.set("event", Json.parse("{\"source\": \"aws.ecr\", \"detail-type\": \"ECR Image Action\"}"));
        input.put("executionId", "exec-bad");
        input.put("now", now());

        LambdaResponse response = call("prepare", input);

        assertThat(response.payload().get("errorType").asString()).endsWith("InvalidEventException");
        assertThat(response.payload().get("errorMessage").asString()).contains("detail is missing");
        assertThat(new ReleaseLock(Dynalite.shared().client(), "Releases").holder(ReleaseRig.SERVICE)).isEmpty();
    }

    private static JsonNode twice(String function, JsonNode input) {
        LambdaResponse first = call(function, input);
        assertThat(first.functionError()).as(function + ": " + first.payload()).isNull();
        LambdaResponse second = call(function, input);
        assertThat(second.functionError()).as(function + " again: " + second.payload()).isNull();
        return second.payload();
    }

    private static LambdaResponse call(String function, JsonNode input) {
        return rig.invoker.invoke("arn:aws:lambda:us-east-1:123456789012:function:" + function, input);
    }

    private static ObjectNode prepareInput(Image image, String executionId) {
        ObjectNode input = Json.object();
        input.set("event", Json.parse("""
                {"version": "0", "id": "e", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "%s", "image-digest": "%s",
                            "action-type": "PUSH", "image-tag": "%s"}}"""
                .formatted(image.pushedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), ReleaseRig.REPOSITORY,
                        image.digest(), image.tag())));
        input.put("executionId", executionId);
        input.put("now", now());
        return input;
    }

    private static ObjectNode step(JsonNode release, JsonNode step, String now) {
        ObjectNode input = Json.object();
        input.set("release", release);
        if (step != null) {
            input.set("step", step);
        }
        if (now != null) {
            input.put("now", now);
        }
        return input;
    }

    private static JsonNode stepAt(int percent, int index, int lastIndex) {
        return Json.parse("{\"index\": %d, \"lastIndex\": %d, \"percent\": %d, \"bakeSeconds\": 4, \"extensions\": 0, \"skipBake\": false}"
                .formatted(index, lastIndex, percent));
    }

    private static String now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private static ReleaseRecord record(Image image) {
        return rig.records.history(ReleaseRig.SERVICE, 20).stream().filter(r -> image.tag().equals(r.tag()))
                .findFirst().orElseThrow();
    }

    private static void assertState(Image image, ReleaseState state) {
        assertThat(record(image).state()).isEqualTo(state);
        assertThat(new ReleaseLock(Dynalite.shared().client(), "Releases").holder(ReleaseRig.SERVICE)).isEmpty();
    }
}
