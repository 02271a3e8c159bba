package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.localcloud.sfn.SfnApiServer;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands against real stand-ins: the local Step Functions API running a small machine with the
 * release's state names (so executions have real histories), and dynalite holding the Releases table written
 * through the release functions' own store classes.
 */
@Timeout(60)
class CliOnLocalCloudTest {

    private static final String TABLE = "CliReleases";
    private static final String SERVICE = "blog";
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String DEFINITION = """
            {"StartAt": "Check green health", "States": {
              "Check green health": {"Type": "Task", "ResultPath": "$.health", "Next": "Is the push usable?",
                "Resource": "arn:aws:lambda:us-east-1:000000000000:function:CheckGreenHealth"},
              "Is the push usable?": {"Type": "Choice", "Default": "Bake",
                "Choices": [{"Variable": "$.malformed", "IsPresent": true, "Next": "Release not started"}]},
              "Bake": {"Type": "Wait", "SecondsPath": "$.bake.waitSeconds", "Next": "Released"},
              "Release not started": {"Type": "Fail", "Error": "EcrPush.InvalidEventException",
                "Cause": "Not a successful image push to release: detail.image-tag must be an image tag"},
              "Released": {"Type": "Succeed"}}}""";
    private static final String V1 = "20261126T050000Z-v1";
    private static final String V2 = "20261126T060000Z-v2";

    @TempDir
    Path dir;
    private Dynalite dynalite;
    private LocalStepFunctions sfn;
    private SfnApiServer api;
    private String machineArn;
    private ReleaseRecords records;
    private ReleaseLock lock;
    private Map<String, String> env;
    private String v2Execution;

    @BeforeEach
    void start() throws Exception {
        dynalite = Dynalite.shared();
        dynalite.recreate(ReleasesTable.createRequest(TABLE));
        records = new ReleaseRecords(dynalite.client(), TABLE);
        lock = new ReleaseLock(dynalite.client(), TABLE);
        SystemTimer timer = new SystemTimer();
        StubLambdas lambdas = new StubLambdas(timer).then("CheckGreenHealth", StubLambdas.Result.returns("""
                {"healthy": true, "checkedAt": "2026-11-26T06:00:30Z", "healthyTargets": 2, "desiredCount": 2,
                 "runningCount": 2, "rolloutState": "COMPLETED"}"""));
        sfn = new LocalStepFunctions(new LambdaTaskRegistry(lambdas), timer, REGION, ACCOUNT);
        machineArn = sfn.createStateMachine("greenlight-release", StateMachine.parse(DEFINITION));
        api = SfnApiServer.start(sfn, 0);
        Path state = Files.createDirectories(dir.resolve(".greenlight"));
        Files.writeString(state.resolve("cloud.json"), """
                {"region": "%s", "account": "%s", "service": "%s", "repository": "greenlight/blog",
                 "stateMachineArn": "%s", "releasesTable": "%s", "sfnEndpoint": "%s", "dynamodbEndpoint": "%s",
                 "controlEndpoint": "http://127.0.0.1:1", "blogUrl": "http://127.0.0.1:8080/",
                 "testUrl": "http://127.0.0.1:8081/"}""".formatted(REGION, ACCOUNT, SERVICE, machineArn, TABLE,
                api.endpoint(), dynalite.endpoint()));
        env = new HashMap<>(Map.of("GREENLIGHT_STATE", state.toString(), "USER", "ann"));

        released(V1, "v1", "A");
        v2Execution = startRelease(V2, "v2", 600);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        sfn.close();
    }

    @Test
    void status_showsTheLiveVersionTheRunningReleaseTheLockAndTheBlog() {
        CliRun run = CliRun.of(env, "status");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("blog on the local cloud  http://127.0.0.1:8080/\n")
                .contains("live      v1  digest 111111111111  slot A  since 2026-11-26 05:03:00Z  (release " + V1 + ")\n")
                .contains("releasing " + V2 + "  v2  IN_PROGRESS  10% to green (slot B)  weights A 90 / B 10\n")
                .containsPattern("lock      held by " + V2 + " \\(lease \\d+ m \\d+ s left\\)\n")
                .contains("executions running: 1\n  " + V2 + "  started ");
    }

    @Test
    void watchOnce_showsTheRunningReleaseFromItsRecordAndItsExecutionStatus() {
        CliRun run = CliRun.of(env, "watch", "--once");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("^release   " + V2 + "  tag v2  IN_PROGRESS  elapsed ")
                .contains("step      1 of 3: 10% to green, bake 600 s (plan 10% -> 50% -> 100%)\n")
                .contains("traffic   A  ##################..   90%  blue\n"
                        + "          B  ##..................   10%  green\n")
                .containsPattern("green     slot B: 2/2 healthy targets, 2 running \\(health check at "
                        + "\\d\\d:\\d\\d:\\d\\dZ\\)\n")
                .contains("gate      PASS at 10%: green is within every limit\n")
                .contains("          ok    green requests: 412 (limit 100)  412 requests, need 100\n")
                .containsPattern("waiting   bake: 59\\d s left of 600 s \\(until \\d\\d:\\d\\d:\\d\\dZ\\)\n")
                .contains("execution RUNNING\n")
                .contains("  06:00:40Z  shifted      10% of traffic to green\n")
                .doesNotContain("\033");
    }

    @Test
    void history_listsReleasesNewestFirst_andExecutionsThatFailedWithoutARelease() throws Exception {
        String malformed = sfn.start(machineArn, "malformed-push", Json.parse("{\"malformed\": true}")).executionArn();
        awaitEnd(malformed);

        CliRun run = CliRun.of(env, "history", "--limit", "5");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("RELEASE              TAG  OUTCOME      STARTED");
        assertThat(lines[1]).startsWith(V2 + "  v2   IN_PROGRESS  2026-11-26 06:00:00Z");
        assertThat(lines[2]).startsWith(V1 + "  v1   RELEASED     2026-11-26 05:00:00Z  3 m 00 s").endsWith("v1 released");
        assertThat(run.out()).contains("""
                executions that failed before a release was recorded:
                """).containsPattern("  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  FAILED  malformed-push\n"
                + "    EcrPush.InvalidEventException: Not a successful image push to release: detail.image-tag must be"
                + " an image tag\n");
    }

    @Test
    void pauseAndResume_setAndClearTheControlOnTheLockHolder() {
        CliRun pause = CliRun.of(env, "pause");

        assertThat(pause.err()).isEmpty();
        assertThat(pause.exitCode()).isZero();
        assertThat(pause.out()).startsWith("PAUSE set on release " + V2 + " (v2) by cli:ann@")
                .contains("the workflow holds the current step at its next check, until ./greenlight resume");
        assertThat(records.find(SERVICE, V2).orElseThrow().controls().get("PAUSE")).startsWith("cli:ann@")
                .containsPattern(" at \\d{4}-\\d\\d-\\d\\dT");

        CliRun resume = CliRun.of(env, "resume", "--release", V2);

        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).startsWith("PAUSE cleared on release " + V2 + " (v2) by cli:ann@");
        assertThat(records.find(SERVICE, V2).orElseThrow().controls()).doesNotContainKey("PAUSE");
    }

    @Test
    void abort_writesTheControl_andAnEndedOrUnknownReleaseIsRefused() {
        CliRun abort = CliRun.of(env, "abort");

        assertThat(abort.exitCode()).isZero();
        assertThat(records.find(SERVICE, V2).orElseThrow().controls()).containsKey("ABORT");

        CliRun ended = CliRun.of(env, "promote", "--release", V1);
        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.err()).isEqualTo("greenlight: release " + V1
                + " has already ended (RELEASED); there is nothing to promote\n");
        assertThat(records.find(SERVICE, V1).orElseThrow().controls()).isEmpty();

        CliRun unknown = CliRun.of(env, "pause", "--release", "20990101T000000Z-v9");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo(
                "greenlight: there is no release 20990101T000000Z-v9 of blog; see ./greenlight history\n");
    }

    @Test
    void controls_withNothingRunning_exit1() {
        records.setState(SERVICE, V2, ReleaseState.RELEASED, "v2 released to 100%", Instant.now().toString());
        lock.release(SERVICE, V2);

        CliRun run = CliRun.of(env, "pause");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("greenlight: no release is running; there is nothing to pause\n");
    }

    @Test
    void watch_followsTheReleaseUntilItRollsBack_printingEachChangedFrame_andExits2() throws Exception {
        String v3 = "20261126T070000Z-v3";
        records.setState(SERVICE, V2, ReleaseState.RELEASED, "v2 released to 100%", Instant.now().toString());
        lock.release(SERVICE, V2);
        startRelease(v3, "v3", 600);
        CompletableFuture<Void> rollBack = CompletableFuture.runAsync(() -> {
            sleep(1500);
            records.setState(SERVICE, v3, ReleaseState.ROLLED_BACK, "Release.Aborted: aborted by cli:bob@box",
                    Instant.now().toString());
        });

        CliRun run = CliRun.of(env, "watch");

        rollBack.get(10, TimeUnit.SECONDS);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(GreenlightCli.RELEASE_FAILED);
        String[] frames = run.out().split("\n\n");
        assertThat(frames).hasSize(2);
        assertThat(frames[0]).startsWith("release   " + v3 + "  tag v3  IN_PROGRESS  started 2026-11-26 07:00:00Z\n")
                .contains("waiting   bake: 600 s (until ");
        assertThat(frames[1]).startsWith("release   " + v3 + "  tag v3  ROLLED_BACK  took ")
                .contains("outcome   ROLLED_BACK: Release.Aborted: aborted by cli:bob@box\n");
        assertThat(run.out()).doesNotContain("\033");
    }

    @Test
    void watch_ofAReleaseThatEndedWell_printsItAndExits0() {
        CliRun run = CliRun.of(env, "watch", "--release", V1);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("release   " + V1 + "  tag v1  RELEASED  took 3 m 00 s")
                .contains("outcome   RELEASED: v1 released\n");
    }

    @Test
    void pushWatch_followsTheReleaseThePushStarted_untilItIsReleased() throws Exception {
        String v4 = "20261126T080000Z-v4";
        records.setState(SERVICE, V2, ReleaseState.RELEASED, "v2 released to 100%", Instant.now().toString());
        lock.release(SERVICE, V2);
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/images", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String execution = startRelease(v4, "v4", 600);
                byte[] body = ("{\"repository\": \"greenlight/blog\", \"tag\": \"v4\", \"digest\": \"sha256:"
                        + "2".repeat(64) + "\", \"imageUri\": \"x\", \"executions\": [\"" + execution + "\"]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        control.start();
        Path cloudJson = dir.resolve(".greenlight/cloud.json");
        Files.writeString(cloudJson, Files.readString(cloudJson).replace("http://127.0.0.1:1",
                "http://127.0.0.1:" + control.getAddress().getPort()));
        Path jar = Files.writeString(dir.resolve("blog.jar"), "jar");
        CompletableFuture<Void> finish = CompletableFuture.runAsync(() -> {
            sleep(1500);
            records.setState(SERVICE, v4, ReleaseState.RELEASED, "v4 released to 100%", Instant.now().toString());
        });
        try {
            CliRun run = CliRun.of(env, "push", "--tag", "v4", "--jar", jar.toString(), "--watch");

            finish.get(10, TimeUnit.SECONDS);
            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("pushed greenlight/blog:v4\n")
                    .contains("release   " + v4 + "  tag v4  IN_PROGRESS  started ")
                    .contains("outcome   RELEASED: v4 released to 100%\n");
        } finally {
            control.stop(0);
        }
    }

    @Test
    void watch_onATerminal_clearsTheScreenBeforeEachFrame() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (Cloud cloud = Cloud.open(Target.local(env))) {
            int exit = new WatchCommand(cloud, out, true, Duration.ofMillis(100))
                    .follow(() -> cloud.find(V1), null);

            assertThat(exit).isZero();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\033[H\033[2Jrelease   " + V1 + "  tag v1  RELEASED");
    }

    @Test
    void aws_withEndpointsRegionAndKeysInTheEnvironment_readsTheSameReleases() {
        Map<String, String> aws = new HashMap<>(Map.of(
                "GREENLIGHT_STATE_MACHINE_ARN", machineArn, "GREENLIGHT_RELEASES_TABLE", TABLE,
                "AWS_ENDPOINT_URL_SFN", api.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
                "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                "USER", "ann"));

        CliRun status = CliRun.of(aws, "status", "--aws");
        CliRun pause = CliRun.of(aws, "pause", "--aws");

        assertThat(status.err()).isEmpty();
        assertThat(status.out()).startsWith("blog on AWS\n")
                .contains("live      v1  digest 111111111111  slot A")
                .contains("releasing " + V2 + "  v2  IN_PROGRESS")
                .contains("executions running: 1\n");
        assertThat(pause.exitCode()).isZero();
        assertThat(records.find(SERVICE, V2).orElseThrow().controls()).containsKey("PAUSE");
    }

    @Test
    void aws_withoutEndpointsInTheEnvironment_leavesThemToTheSdk_whichHonoursServiceSpecificEndpoints() {
        // the SDK reads AWS_ENDPOINT_URL_SFN and its system property aws.endpointUrlSfn through the same setting;
        // a test can only set the property, so this shows 2.57.8 resolves service-specific endpoints by itself
        Map<String, String> properties = Map.of("aws.endpointUrlSfn", api.endpoint().toString(),
                "aws.endpointUrlDynamoDb", dynalite.endpoint().toString(), "aws.region", REGION,
                "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "secret");
        properties.forEach(System::setProperty);
        try {
            CliRun history = CliRun.of(Map.of("GREENLIGHT_STATE_MACHINE_ARN", machineArn,
                    "GREENLIGHT_RELEASES_TABLE", TABLE), "history", "--aws");

            assertThat(history.err()).isEmpty();
            assertThat(history.exitCode()).isZero();
            assertThat(history.out()).contains(V2 + "  v2   IN_PROGRESS").contains(V1 + "  v1   RELEASED");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aLocalSystemThatStopped_isReportedInOneLine() throws Exception {
        api.close();

        CliRun run = CliRun.of(env, "watch", "--once");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("greenlight: cannot reach the local cloud: ")
                .endsWith(" (is the local system running? start it with ./greenlight up)\n")
                .hasLineCount(1);
    }

    private void released(String releaseId, String tag, String slot) {
        records.start(SERVICE, releaseId, "arn:aws:states:us-east-1:000000000000:execution:greenlight-release:"
                + tag, tag, "sha256:" + "1".repeat(64), ReleaseState.QUEUED, "2026-11-26T05:00:00Z");
        records.proceed(SERVICE, releaseId, slot, List.of(100), null);
        records.setTraffic(SERVICE, releaseId, 100, Map.of(slot, 100));
        records.setState(SERVICE, releaseId, ReleaseState.RELEASED, tag + " released", "2026-11-26T05:03:00Z");
    }

    /** A release at 10% on slot B whose execution bakes for {@code bakeSeconds}, holding the lock. */
    private String startRelease(String releaseId, String tag, int bakeSeconds) throws Exception {
        String input = """
                {"release": {"releaseId": "%s", "plan": {"steps": [10, 50, 100]}, "green": {"slot": "B"}},
                 "step": {"index": 0, "lastIndex": 2, "percent": 10, "bakeSeconds": %d, "extensions": 0},
                 "bake": {"action": "WAIT", "waitSeconds": %d}}""".formatted(releaseId, bakeSeconds, bakeSeconds);
        String execution = sfn.start(machineArn, releaseId, Json.parse(input)).executionArn();
        awaitState(execution, "Bake");
        String startedAt = releaseId.substring(0, 4) + "-" + releaseId.substring(4, 6) + "-" + releaseId.substring(6, 8)
                + "T" + releaseId.substring(9, 11) + ":" + releaseId.substring(11, 13) + ":00Z";
        records.start(SERVICE, releaseId, execution, tag, "sha256:" + "2".repeat(64), ReleaseState.QUEUED, startedAt);
        lock.acquire(SERVICE, releaseId, execution, Instant.now(), Duration.ofMinutes(5));
        // the progress the steps record: the plan, the traffic, the step, green's health and the bake under way
        records.proceed(SERVICE, releaseId, "B", List.of(10, 50, 100), null);
        records.setTraffic(SERVICE, releaseId, 10, new java.util.LinkedHashMap<>(Map.of("A", 90, "B", 10)));
        records.setStep(SERVICE, releaseId, new StepRequest.Step(0, 2, 10, bakeSeconds, 0, false, "2026-11-26T06:00:40Z"));
        records.setHealth(SERVICE, releaseId, new Progress.Health(2, 2, 2, "2026-11-26T06:00:30Z", "health check"));
        records.setHold(SERVICE, releaseId, new Progress.Hold(Progress.Reason.BAKE, Instant.now().toString(), bakeSeconds));
        records.record(SERVICE, releaseId, new Decision("2026-11-26T06:00:40Z", "shifted", "10% of traffic to green",
                "{}"));
        records.record(SERVICE, releaseId, new Decision("2026-11-26T06:01:10Z", "gate",
                "PASS at 10%: green is within every limit", """
                {"window": {"from": "2026-11-26T06:00:40Z", "to": "2026-11-26T06:01:10Z"}, "verdict": {"checks": [
                  {"name": "green requests", "observed": 412.0, "limit": 100.0, "passed": true,
                   "detail": "412 requests, need 100"}]}}"""));
        return execution;
    }

    private void awaitState(String executionArn, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            boolean entered = sfn.execution(executionArn).history().stream()
                    .anyMatch(e -> "WaitStateEntered".equals(e.type()) && state.equals(e.stateName()));
            if (entered) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(executionArn + " did not reach " + state);
    }

    private void awaitEnd(String executionArn) throws InterruptedException {
        assertThat(sfn.execution(executionArn).await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
