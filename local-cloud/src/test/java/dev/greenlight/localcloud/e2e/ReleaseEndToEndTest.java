package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import dev.greenlight.localcloud.Poll;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Releases on the whole local system, driven through {@code ./greenlight} as a user drives it, with steady
 * readers on the blog's listener: real processes (the local cloud, dynalite, blog tasks) and real HTTP.
 * One system for the class; each test leaves one version live at 100% for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReleaseEndToEndTest {

    private static Greenlight greenlight;

    /**
     * The gate tests' plan: 50% then 100%, bakes extended while the gate needs more requests (up to 4 minutes a
     * step), and effects to catch that a few minutes of about 70 requests a second can judge: +2 points of 5xx, a
     * 2x slowdown. The warm-up stays the local plan's: a freshly started blog's latency is held to the tolerances
     * only once it has served 5,000 requests (until then its median to 10x blue's).
     */
    private static final String GATE_PLAN = """
            {"maxExtensionSeconds": 420, "maxInconclusiveExtensions": 8, "healthTimeoutSeconds": 240,
             "gate": {"errorIncreaseToDetect": 0.02, "latencyRatioToDetect": 2}}""";

    @BeforeAll
    static void up() throws Exception {
        // the smoke test hits only the readiness path, so the gate alone judges green's pages; bakes are not
        // extended unless a push asks (the tests' readers are too few for the local plan's half-point of 5xx); green
        // has the local plan's 120 s to become healthy, as a blog starting beside readers on two cores may need
        greenlight = Greenlight.upInTempDir("e2e", Map.of("GREENLIGHT_SMOKE_PATHS", "/actuator/health/readiness",
                "GREENLIGHT_PLAN_MAX_EXTENSION_SECONDS", "0"));
    }

    @AfterAll
    static void down() {
        if (greenlight != null) {
            greenlight.close();
        }
    }

    @Test
    @Order(1)
    void up_releasesTheCurrentBuild() throws Exception {
        ReleaseRecord first = greenlight.history().get(0);

        assertThat(first.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(first.tag()).startsWith("build-");
        assertThat(greenlight.versionServed()).isEqualTo(first.tag());
        assertThat(greenlight.tasks()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void push_releasesStepByStep_versionsFollowTheWeights_andNoRequestFails() throws Exception {
        String v1 = greenlight.versionServed();
        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 10, 20_000, Duration.ofMinutes(3)).start();
        Greenlight.Result push;
        try {
            push = greenlight.run("push", "--tag", "v2", "--env", "BLOG_VERSION=v2", "--steps", "10,50,100",
                    "--bake", "8", "--watch");
            Thread.sleep(1000);
        } finally {
            traffic.close();
        }

        ReleaseRecord v2 = greenlight.release("v2");
        assertThat(v2.state()).as(story(v2)).isEqualTo(ReleaseState.RELEASED);
        push.assertOk();
        assertThat(traffic.count(Traffic.Sample::failed)).as("failed requests").isZero();
        List<Instant> shifts = v2.timeline().stream().filter(d -> d.kind().equals("shifted"))
                .map(d -> Instant.parse(d.at())).toList();
        assertThat(shifts).hasSize(3);
        assertThat(traffic.between(Instant.EPOCH, shifts.get(0))).isNotEmpty()
                .allSatisfy(s -> assertThat(s.version()).isEqualTo(v1));
        assertShare(traffic, shifts.get(0), shifts.get(1), "v2", 0.10);
        assertShare(traffic, shifts.get(1), shifts.get(2), "v2", 0.50);
        Instant finished = Instant.parse(decision(v2, "finished").at());
        assertThat(traffic.between(shifts.get(2).plusSeconds(1), Instant.MAX)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.version()).isEqualTo("v2"));
        assertThat(finished).isAfter(shifts.get(2));
        assertThat(greenlight.tasks()).as("blue's task is gone").isEqualTo(1);
        assertThat(greenlight.lockHolder()).isEmpty();
    }

    @Test
    @Order(3)
    void aVersionThatNeverBecomesReady_isRolledBack() throws Exception {
        // ECS's circuit breaker gives up on tasks that keep failing their health checks, else the health deadline,
        // here 40 s instead of the local plan's 120 s
        assertRolledBack("never-ready", Map.of("BLOG_FAULTS_READINESS_DOWN", "true"),
                List.of("--plan", "{\"healthTimeoutSeconds\": 40}"), "circuit breaker", "healthy targets");
    }

    @Test
    @Order(4)
    void aVersionAnswering5xxOnAFifthOfRequests_isRolledBack() throws Exception {
        // the smoke test catches it when one of its requests gets a 500, else the gate at the first step
        assertRolledBack("errors-20", Map.of("BLOG_FAULTS_ERROR_RATE", "0.2"), List.of(), "5xx", "smoke test");
    }

    @Test
    @Order(5)
    void aVersionAdding800msOfLatency_isRolledBack_whileGreenIsStillWarmingUp() throws Exception {
        assertRolledBack("slow-800", Map.of("BLOG_FAULTS_LATENCY_MS", "800"), List.of(),
                "slower than blue at p50 while warming up");
    }

    @Test
    @Order(13)
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void gate_releasesAVersionNoWorseThanBlue_despiteItsColdStart() throws Exception {
        String tag = "same-as-blue";
        Greenlight.Result push = gatedPush(tag, Map.of());

        ReleaseRecord release = greenlight.release(tag);
        assertThat(release.state()).as(story(release)).isEqualTo(ReleaseState.RELEASED);
        push.assertOk();
        Decision atHalf = release.timeline().stream().filter(d -> d.kind().equals("gate")
                && d.message().contains(" at 50%")).reduce((a, b) -> b).orElseThrow();
        assertThat(atHalf.message()).startsWith("PASS at 50%");
        // the median was judged on green's warm requests, not left out
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(atHalf.evidence())
                .path("metrics").path("latency").path("quantiles"))
                .anySatisfy(q -> {
                    assertThat(q.path("warmingUp").asBoolean()).isFalse();
                    assertThat(q.path("green").path("requests").asLong()).isPositive();
                });
        assertThat(greenlight.versionServed()).isEqualTo(tag);
    }

    @Test
    @Order(14)
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void gate_rollsBackAVersionAnsweringOnePercentOfPagesWith500() throws Exception {
        ReleaseRecord release = gatedRollback("errors-1", Map.of("BLOG_FAULTS_ERROR_RATE", "0.01"));

        assertThat(release.reason()).as(story(release)).contains("5xx rate is above blue's");
    }

    @Test
    @Order(15)
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void gate_rollsBackAVersionTwiceAsSlowAtTheMedian() throws Exception {
        // the blog's pages take about 4 ms here: 4 ms more is twice the median
        ReleaseRecord release = gatedRollback("slow-x2", Map.of("BLOG_FAULTS_LATENCY_MS", "4"));

        // within the warm-up's 10x: caught once green has served its warm-up requests, at whichever judged
        // quantile has the evidence first (4 ms more puts every green request above 1.3x blue's p50 and p90 alike)
        assertThat(release.reason()).as(story(release)).containsPattern("slower than blue at p(50|90|99):");
    }

    /** A gated push the gate must roll back, leaving the live version live again. */
    private static ReleaseRecord gatedRollback(String tag, Map<String, String> faults) throws Exception {
        String live = greenlight.versionServed();
        Greenlight.Result push = gatedPush(tag, faults);

        ReleaseRecord release = greenlight.release(tag);
        assertThat(release.state()).as(story(release)).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(push.exitCode()).as(push.out()).isEqualTo(2);
        assertLiveAgain(live, release);
        return release;
    }

    /**
     * A push under about 70 requests a second of readers (6 clients), judged by the gate with {@link #GATE_PLAN}.
     * Green's first health checks compete with the readers for two cores, so it may take a while to be healthy.
     */
    private static Greenlight.Result gatedPush(String tag, Map<String, String> faults) throws Exception {
        List<String> args = new ArrayList<>(List.of("push", "--tag", tag, "--env", "BLOG_VERSION=" + tag,
                "--steps", "50,100", "--bake", "20", "--plan", GATE_PLAN, "--watch"));
        faults.forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
        try (Traffic traffic = new Traffic(greenlight.blogUrl(), 6, 12, 90_000, Duration.ofMinutes(12)).start()) {
            return greenlight.run(Duration.ofMinutes(9), args.toArray(String[]::new));
        }
    }

    @Test
    @Order(6)
    void abortDuringABake_rollsBack() throws Exception {
        String live = greenlight.versionServed();
        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 10, 20_000, Duration.ofMinutes(3)).start();
        try {
            greenlight.run("push", "--tag", "aborted", "--env", "BLOG_VERSION=aborted", "--steps", "10,50,100",
                    "--bake", "60").assertOk();
            Poll.until(Duration.ofMinutes(2), "the release to reach its first bake", () -> {
                ReleaseRecord release = greenlight.release("aborted");
                return release.percent() != null && release.percent() == 10;
            });
            greenlight.run("abort").assertOk();
            Poll.until(Duration.ofMinutes(1), "the rollback", () -> greenlight.release("aborted").state().isFinal());
            Thread.sleep(1000);
        } finally {
            traffic.close();
        }

        ReleaseRecord aborted = greenlight.release("aborted");
        assertThat(aborted.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(aborted.reason()).containsIgnoringCase("abort");
        assertLiveAgain(live, aborted);
        assertThat(traffic.count(Traffic.Sample::failed)).as("failed requests").isZero();
        assertThat(greenlight.run("history").assertOk().out()).contains("aborted", "ROLLED_BACK");
    }

    @Test
    @Order(7)
    void twoPushesInQuickSuccession_theSecondWaitsForTheFirst() throws Exception {
        push("q1");
        push("q2");

        awaitFinal("q2", Duration.ofMinutes(3));
        ReleaseRecord first = greenlight.release("q1");
        ReleaseRecord second = greenlight.release("q2");
        assertThat(first.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(second.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(Instant.parse(decision(second, "prepared").at())).isAfterOrEqualTo(Instant.parse(first.endedAt()));
        assertThat(greenlight.versionServed()).isEqualTo("q2");
        assertThat(greenlight.lockHolder()).isEmpty();
    }

    @Test
    @Order(8)
    void threePushesInARow_theMiddleOneIsSuperseded() throws Exception {
        push("r1");
        push("r2");
        push("r3");

        awaitFinal("r3", Duration.ofMinutes(3));
        assertThat(greenlight.release("r1").state()).isEqualTo(ReleaseState.RELEASED);
        ReleaseRecord middle = greenlight.release("r2");
        assertThat(middle.state()).isEqualTo(ReleaseState.SUPERSEDED);
        assertThat(middle.reason()).contains("r3");
        assertThat(greenlight.release("r3").state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(greenlight.versionServed()).isEqualTo("r3");
        assertThat(greenlight.run("history").assertOk().out()).contains("SUPERSEDED");
    }

    /**
     * The preview of a plan against the release it foresees, under readers paced to 20 requests a second: the same
     * states entered, the duration within 15%, and each step's green requests within the range the rate implies.
     * Green's health is checked every 60 s, so the one check the preview foresees (green is typically ready in 8 s
     * here) is the one it gets: the health checks are the one part of the path the preview estimates.
     */
    @Test
    @Order(16)
    void planPreview_foreseesTheReleaseItPlans() throws Exception {
        String[] plan = {"--steps", "50,100", "--bake", "10", "--plan", "{\"healthPollSeconds\": 60}"};
        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 5, 5_000, Duration.ofMinutes(3)).start();
        JsonNode preview;
        ReleaseRecord release;
        try {
            Thread.sleep(3000);
            Greenlight.Result planned = greenlight.run(concat(new String[] {"plan", "--rate", "20", "--json"}, plan));
            planned.assertOk();
            preview = Json.parse(planned.out()).get("preview");
            // --aws: the same function through Lambda's Invoke API, as the deployment's planInputs Lambda
            Map<String, String> aws = Map.of("AWS_ENDPOINT_URL_LAMBDA", greenlight.cloud().get("lambdaEndpoint").asString(),
                    "GREENLIGHT_PLAN_FUNCTION", "arn:aws:lambda:us-east-1:000000000000:function:PlanInputs:live",
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
            JsonNode onAws = Json.parse(greenlight.run(aws, concat(new String[] {"plan", "--aws", "--rate", "20", "--json"}, plan))
                    .assertOk().out()).get("preview");
            for (String same : List.of("path", "transitions", "durationSeconds", "peakTasks")) {
                assertThat(onAws.get(same)).as("plan --aws: %s", same).isEqualTo(preview.get(same));
            }
            // a plan only the functions can refuse, knowing the target groups' deregistration delay
            Greenlight.Result refused = greenlight.run(aws, "plan", "--aws", "--plan", "{\"terminationWaitSeconds\": 0}");
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
            assertThat(refused.err()).contains("terminationWaitSeconds (0) must be at least the target groups'"
                    + " deregistration delay").doesNotContain("Exception");
            greenlight.run(concat(new String[] {"push", "--tag", "foreseen", "--env", "BLOG_VERSION=foreseen",
                    "--watch"}, plan)).assertOk();
            release = greenlight.release("foreseen");
        } finally {
            traffic.close();
        }

        Greenlight.ExecutionRun run = greenlight.execution(release.executionId());
        List<String> path = new ArrayList<>();
        preview.get("path").forEach(state -> path.add(state.asString()));
        assertThat(run.states()).as("the states entered").isEqualTo(path);
        assertThat(preview.get("transitions").asInt()).isEqualTo(run.states().size());
        assertThat(preview.get("durationSeconds").asDouble()).as("the foreseen duration, against %s s", run.seconds())
                .isCloseTo(run.seconds(), within(run.seconds() * 0.15));
        List<Decision> gates = release.timeline().stream().filter(d -> d.kind().equals("gate")).toList();
        assertThat(gates).hasSize(2);
        // the readers keep to 20 a second on average but catch up after a stall, so each step's expectation is
        // scaled by the rate they really sent in its window (from the start of its first one-second metric period,
        // as CloudWatch rounds a query's start down to its period). The spread is the preview's Poisson range, at
        // 99.9% rather than the 95% the preview prints: two steps checked at 95% would fail one run in ten by chance.
        for (int i = 0; i < 2; i++) {
            JsonNode step = preview.get("steps").get(i);
            JsonNode window = Json.parse(gates.get(i).evidence()).get("window");
            Instant from = Instant.parse(window.get("from").asString()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant to = Instant.parse(window.get("to").asString());
            int sentInWindow = traffic.between(from, to).size();
            double sent = sentInWindow / (Duration.between(from, to).toMillis() / 1000.0);
            // green's share of what the preview foresees at 20/s over the bake, of what was sent in the window
            double share = step.get("greenRequests").asDouble() / (20.0 * step.get("bakeSeconds").asDouble());
            double expected = share * sentInWindow;
            double spread = 3.29 * Math.sqrt(expected) + 1;
            // green's metrics count the smoke test's requests too when its last ones fall in the first window's
            // first second; the gate leaves those out, so what it judged is the readers' share alone
            long green = Json.parse(gates.get(i).evidence()).at("/metrics/green/requests").asLong();
            assertThat((double) green).as("green requests at step %d, foreseen %s at 20/s, readers sent %.1f/s",
                    i + 1, step.get("greenRequests"), sent).isBetween(expected - spread, expected + spread);
        }
        // the forecast Prepare recorded for history: the same plan, so the same states
        assertThat(release.forecast().transitions()).isEqualTo(run.states().size());
        assertThat(greenlight.run("history").assertOk().out()).containsPattern("foreseen +RELEASED .* s at \\d+/s");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    @Order(9)
    void theSameImagePushedAgain_isANoop() throws Exception {
        String live = greenlight.versionServed();

        greenlight.run("push", "--tag", live + "-again", "--env", "BLOG_VERSION=" + live, "--watch").assertOk();

        ReleaseRecord again = greenlight.release(live + "-again");
        assertThat(again.state()).isEqualTo(ReleaseState.NOOP);
        assertThat(again.digest()).isEqualTo(greenlight.release(live).digest());
        assertThat(greenlight.versionServed()).isEqualTo(live);
        assertThat(greenlight.tasks()).isEqualTo(1);
    }

    @Test
    @Order(10)
    void aPushToAnotherRepository_isIgnored() throws Exception {
        int releases = greenlight.history().size();

        var answer = greenlight.putEvent(pushEvent("greenlight-tools", "sha256:" + "a".repeat(64), "tools-1"));

        assertThat(answer.get("matchedRules")).isEmpty();
        assertThat(answer.get("executions")).isEmpty();
        assertThat(greenlight.history()).hasSize(releases);
    }

    @Test
    @Order(11)
    void aMalformedPushEvent_failsTheReleaseWithoutTouchingTraffic() throws Exception {
        String live = greenlight.versionServed();
        int releases = greenlight.history().size();

        var answer = greenlight.putEvent(pushEvent("greenlight-blog", "not-a-digest", "broken"));

        assertThat(answer.get("executions")).hasSize(1);
        Poll.until(Duration.ofSeconds(30), "the malformed release to fail",
                () -> greenlight.run("history").out().contains("image-digest"));
        String history = greenlight.run("history").assertOk().out();
        assertThat(history).contains("FAILED", "detail.image-digest must be sha256:");
        assertThat(greenlight.history()).hasSize(releases);
        assertThat(greenlight.versionServed()).isEqualTo(live);
        assertThat(greenlight.lockHolder()).isEmpty();
        assertThat(greenlight.tasks()).isEqualTo(1);
    }

    @Test
    @Order(12)
    void pushErrors_sayWhatToFix() {
        Greenlight.Result existing = greenlight.run("push", "--tag", "v2");
        assertThat(existing.exitCode()).isEqualTo(1);
        assertThat(existing.err()).contains("v2", "already exists");

        Greenlight.Result missing = greenlight.run("push", "--jar", "/nonexistent/blog.jar");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("/nonexistent/blog.jar");

        Greenlight.Result badFlag = greenlight.run("push", "--colour", "green");
        assertThat(badFlag.exitCode()).isEqualTo(1);
        assertThat(badFlag.err()).contains("--colour");

        Greenlight.Result unfollowable = greenlight.run("push", "--tag", "bad-plan", "--plan",
                "{\"terminationWaitSeconds\": 1, \"gate\": {\"confidence\": 1.5}}");
        assertThat(unfollowable.exitCode()).isEqualTo(1);
        assertThat(unfollowable.err().strip()).doesNotContain("\n")
                .contains("terminationWaitSeconds (1)", "deregistration delay", "confidence");
        assertThat(greenlight.history()).as("nothing was released").noneMatch(r -> "bad-plan".equals(r.tag()));
    }

    private static void push(String tag) {
        greenlight.run("push", "--tag", tag, "--env", "BLOG_VERSION=" + tag, "--steps", "50,100", "--bake", "2")
                .assertOk();
    }

    private static void awaitFinal(String tag, Duration timeout) {
        Poll.until(timeout, tag + " to end", () -> greenlight.history().stream()
                .anyMatch(r -> tag.equals(r.tag()) && r.state().isFinal()));
    }

    private static String pushEvent(String repository, String digest, String tag) {
        return """
                {"version": "0", "id": "%s", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "%s", "image-digest": "%s",
                            "action-type": "PUSH", "image-tag": "%s"}}"""
                .formatted(java.util.UUID.randomUUID(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        repository, digest, tag);
    }

    private static void assertRolledBack(String tag, Map<String, String> faults, List<String> flags,
            String... reasonMentionsOneOf) throws Exception {
        String live = greenlight.versionServed();
        List<String> args = new ArrayList<>(List.of("push", "--tag", tag, "--env", "BLOG_VERSION=" + tag,
                "--steps", "10,50,100", "--bake", "8", "--watch"));
        faults.forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
        args.addAll(flags);
        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 10, 20_000, Duration.ofMinutes(3)).start();
        Greenlight.Result push;
        try {
            push = greenlight.run(args.toArray(String[]::new));
            Thread.sleep(1000);
        } finally {
            traffic.close();
        }

        ReleaseRecord release = greenlight.release(tag);
        assertThat(release.state()).as(story(release)).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(release.reason()).as(story(release)).containsAnyOf(reasonMentionsOneOf);
        assertThat(push.exitCode()).as("push --watch of a release that rolled back; output:%n%s%s", push.out(),
                push.err()).isEqualTo(2);
        assertLiveAgain(live, release);
        assertThat(traffic.count(s -> s.failed() && !s.version().equals(tag)))
                .as("failed requests not answered by the bad version").isZero();
        assertThat(greenlight.run("history").assertOk().out()).contains(tag, "ROLLED_BACK",
                release.reason().substring(0, Math.min(40, release.reason().length())));
    }

    private static void assertLiveAgain(String live, ReleaseRecord rolledBack) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(greenlight.versionServed()).isEqualTo(live);
        }
        assertThat(rolledBack.weights()).containsValue(0).containsValue(100);
        assertThat(greenlight.lockHolder()).isEmpty();
        Poll.until(Duration.ofSeconds(30), "green's task to stop", () -> greenlight.tasks() == 1);
    }

    private static void assertShare(Traffic traffic, Instant from, Instant to, String version, double expected) {
        List<Traffic.Sample> window = traffic.between(from.plusMillis(500), to);
        assertThat(window).as("requests between %s and %s", from, to).hasSizeGreaterThan(100);
        double share = window.stream().filter(s -> s.version().equals(version)).count() / (double) window.size();
        // five standard deviations of a binomial share: fails only if routing does not follow the weights
        double tolerance = 5 * Math.sqrt(expected * (1 - expected) / window.size());
        assertThat(share).as("share of %s at %s%%", version, Math.round(expected * 100))
                .isBetween(expected - tolerance, expected + tolerance);
    }

    /** A release's state, reason and decisions, one line each: what a failed assertion about it prints. */
    private static String story(ReleaseRecord release) {
        StringBuilder story = new StringBuilder(release.tag() + " " + release.state() + ": " + release.reason());
        release.timeline().forEach(d -> story.append("\n  ").append(d.at()).append(' ').append(d.kind()).append(' ')
                .append(d.message()));
        return story.toString();
    }

    private static Decision decision(ReleaseRecord release, String kind) {
        return release.timeline().stream().filter(d -> d.kind().equals(kind)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + kind + " decision in " + release.timeline()));
    }
}
