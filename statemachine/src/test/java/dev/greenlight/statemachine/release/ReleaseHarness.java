package dev.greenlight.statemachine.release;

import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.engine.Engine;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.HistoryEvent;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.VirtualTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Runs the real release.asl.json on the engine with stubbed release functions. The defaults describe a
 * healthy release of a blog that has a blue: each test overrides only the functions its path needs.
 */
final class ReleaseHarness {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String DIGEST = "sha256:1f3c0a7e9b2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e";

    /** What the smoke test returns: 12 requests, answered over two seconds. */
    static final String SMOKE = """
            {"passed": true, "reason": "12 of 12 smoke requests answered 200", "checked": ["/ -> 200 v42 (x12)"],
             "answered": [{"second": "2026-03-01T10:00:15Z", "requests": 9}, {"second": "2026-03-01T10:00:16Z", "requests": 3}]}""";

    final VirtualTimer timer = new VirtualTimer(T0);
    final StubLambdas lambdas = new StubLambdas(timer);
    private final Engine engine = new Engine(new LambdaTaskRegistry(lambdas), timer, new Random(7), "eu-west-1", "123456789012");

    ReleaseHarness() {
        lambdas.on("Prepare", Result.returns(prepared(false)));
        lambdas.on("DeployGreen", Result.returns("""
                {"serviceArn": "arn:aws:ecs:eu-west-1:123456789012:service/greenlight/blog-b",
                 "deployedAt": "2026-03-01T10:00:00Z", "healthDeadline": "2026-03-01T10:10:00Z"}"""));
        lambdas.compute("CheckGreenHealth", payload -> Result.returns(health(true, 2, payload.get("now").asString())));
        lambdas.on("SmokeTest", Result.returns(SMOKE));
        lambdas.on("VerifyTraffic", Result.returns("{\"ok\": true, \"reason\": \"weights read back as set\"}"));
        lambdas.compute("ShiftTraffic", ReleaseHarness::shifted);
        lambdas.compute("CheckControls", ReleaseHarness::holdClock);
        lambdas.on("EvaluateGate", Result.returns(gate("PASS", "PROCEED", 0, "green within thresholds")));
        lambdas.on("FinishRelease", Result.returns("{\"blueDeleted\": true, \"lockReleased\": true}"));
        lambdas.on("RollBack", Result.returns("{\"weights\": {\"blue\": 100, \"green\": 0}, \"greenDeleted\": true}"));
        lambdas.on("AbandonRelease", Result.returns("{\"lockReleased\": true}"));
    }

    /** A Prepare output for a release that goes ahead. */
    static ObjectNode prepared(boolean firstRelease) {
        ObjectNode release = (ObjectNode) Json.parse("""
                {"outcome": "PROCEED", "reason": "lock taken", "releaseId": "rel-42", "service": "blog",
                 "image": {"repository": "greenlight-blog", "digest": "%s", "tag": "v42"},
                 "blue": {"slot": "A", "serviceName": "blog-a", "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blog-a/1"},
                 "green": {"slot": "B", "serviceName": "blog-b", "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blog-b/2"},
                 "firstRelease": false,
                 "plan": {"steps": [10, 50, 100], "bakeSeconds": [300, 300, 300], "controlPollSeconds": 60,
                          "healthPollSeconds": 15, "maxInconclusiveExtensions": 1, "maxExtensionSeconds": 600,
                          "inconclusivePolicy": "ROLLBACK", "pauseTimeoutSeconds": 600,
                          "pauseTimeoutAction": "ROLLBACK", "terminationWaitSeconds": 900}}""".formatted(DIGEST));
        if (firstRelease) {
            release.put("firstRelease", true);
            release.putNull("blue");
        }
        return release;
    }

    static JsonNode health(boolean healthy, int healthyTargets, String checkedAt) {
        ObjectNode health = Json.object();
        health.put("healthy", healthy);
        health.put("healthyTargets", healthyTargets);
        health.put("desiredCount", 2);
        health.put("runningCount", healthyTargets);
        health.put("checkedAt", checkedAt);
        return health;
    }

    /** What EvaluateGate returns: the verdict and what the workflow does next. */
    static String gate(String verdict, String action, int extendSeconds, String reason) {
        return "{\"verdict\": \"%s\", \"action\": \"%s\", \"extendSeconds\": %d, \"reason\": \"%s\"}"
                .formatted(verdict, action, extendSeconds, reason);
    }

    private static Result shifted(JsonNode payload) {
        int percent = payload.get("step").get("percent").asInt();
        ObjectNode out = Json.object();
        out.putObject("weights").put("blue", 100 - percent).put("green", percent);
        out.put("shiftedAt", payload.get("now").asString());
        JsonNode first = payload.get("step").get("firstShiftedAt");
        out.put("firstShiftedAt", first == null || first.isNull() ? payload.get("now").asString() : first.asString());
        return Result.returns(out);
    }

    /** A faithful stand-in for CheckControls with no operator input: hold until holdSeconds have passed since {@code since}. */
    static Result holdClock(JsonNode payload) {
        long elapsed = Duration.between(Instant.parse(payload.get("since").asString()),
                Instant.parse(payload.get("now").asString())).toSeconds();
        long remaining = payload.get("holdSeconds").asLong() - elapsed;
        long poll = payload.get("release").get("plan").get("controlPollSeconds").asLong();
        ObjectNode out = Json.object();
        out.put("action", remaining > 0 ? "WAIT" : "DONE");
        out.put("waitSeconds", Math.max(0, Math.min(poll, remaining)));
        out.put("reason", remaining > 0 ? payload.get("phase").asString() + " running" : payload.get("phase").asString() + " over");
        return Result.returns(out);
    }

    /** Operator input during the bakes: these answers first, then the clock as usual. */
    void controlsDuring(String phase, Result... answers) {
        Deque<Result> queue = new ArrayDeque<>(List.of(answers));
        lambdas.compute("CheckControls", payload -> payload.get("phase").asString().equals(phase) && !queue.isEmpty()
                ? queue.poll() : holdClock(payload));
    }

    static StateMachine releaseMachine() {
        Map<String, String> arns = new TreeMap<>();
        String template = releaseDefinitionText();
        for (String name : Placeholders.names(template)) {
            String function = name.replace("FunctionArn", "");
            arns.put(name, "arn:aws:lambda:eu-west-1:123456789012:function:" + function);
        }
        return StateMachine.parse(Placeholders.fill(template, arns));
    }

    /** The definition as the local cloud reads it, from the class path. */
    static String releaseDefinitionText() {
        return ReleaseFiles.definition();
    }

    static Path root() {
        return Path.of(System.getProperty("greenlight.root", ".."));
    }

    static JsonNode pushEvent() {
        return Json.parse("""
                {"version": "0", "id": "13cde686-328b-6117-af20-0e5566167482", "detail-type": "ECR Image Action",
                 "source": "aws.ecr", "account": "123456789012", "time": "2026-03-01T09:59:58Z", "region": "eu-west-1",
                 "resources": [], "detail": {"result": "SUCCESS", "repository-name": "greenlight-blog",
                 "image-digest": "%s", "action-type": "PUSH", "image-tag": "v42"}}""".formatted(DIGEST));
    }

    Execution run() throws InterruptedException {
        return run(pushEvent());
    }

    Execution run(JsonNode input) throws InterruptedException {
        return engine.start(releaseMachine(), "greenlight-release", "release-v42", input).await();
    }

    /** The names of the states the execution entered, in order. */
    static List<String> states(Execution execution) {
        return execution.history().stream()
                .filter(event -> event.type().endsWith("StateEntered"))
                .map(HistoryEvent::stateName)
                .toList();
    }
}
