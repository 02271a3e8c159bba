package dev.greenlight.localcloud.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.process.FastStarts;
import dev.greenlight.localcloud.process.TaskJvm;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Rollout under load": a full release v1 → v2 on the local system under steady readers, then a rollback of
 * a version answering 5xx on 20% of requests. Everything runs as a user runs it ({@code ./greenlight up},
 * {@code push --watch}); the readers record every answer.
 *
 * <pre>local-cloud/bench/rollout-benchmark.sh [--clients 6] [--rate 10] [--bake 15]</pre>
 *
 * <p>The rollback run uses a smoke test of the readiness probe only (which the fault leaves alone), so that
 * the bad version reaches readers and the gate, not the smoke test, is what is measured.
 *
 * <p>Bakes are not extended ({@code maxExtensionSeconds} 0): what is measured is how the shifts themselves treat
 * readers, with bakes of a fixed length. At these rates the local plan's gate would otherwise hold the first step
 * for about 16 minutes to judge half a point of 5xx (the gate's accuracy is {@code bench/gate-accuracy.sh}).
 */
public final class RolloutBenchmark {

    private record Options(int clients, int rate, int bake) {
    }

    /** Readers warm the live version up this long before the steady window starts. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WARM_UP_SECONDS = 20;
    private static final int STEADY_SECONDS = 30;
    private static final Map<String, String> FIXED_BAKES = Map.of("GREENLIGHT_PLAN_MAX_EXTENSION_SECONDS", "0");

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        System.out.printf(Locale.ROOT, "rollout benchmark: %d readers x %d req/s, plan 10/50/100 with %d s bakes%n",
                options.clients(), options.rate(), options.bake());
        release(options);
        rollback(options);
        System.out.println("reproduce: local-cloud/bench/rollout-benchmark.sh " + String.join(" ", args));
    }

    /**
     * Waits until the local cloud has prepared the blog jar it was brought up with for a fast start, as the
     * container image is prepared at build time, so green starts the way a task of the image would.
     */
    private static void awaitFastStart() throws Exception {
        Path jar = Path.of(System.getProperty("greenlight.root", ".."), "blog-web", "target", "blog-web.jar");
        TaskJvm jvm = TaskJvm.find();
        Path ready = FastStarts.directory(LocalCloud.Config.FAST_START_DIR, jvm, jar).resolve("jvm.options");
        long started = System.nanoTime();
        while (!Files.exists(ready) && System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
            Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "task JVM: Java %d at %s; the blog jar %s%n", jvm.feature(), jvm.home(),
                Files.exists(ready) ? "is prepared for a fast start: " + String.join(" ", Files.readAllLines(ready))
                        : "was not prepared within 3 min: tasks start as java -jar");
    }

    private static void release(Options options) throws Exception {
        try (Greenlight greenlight = Greenlight.upInTempDir("rollout-release", FIXED_BAKES)) {
            String v1 = greenlight.versionServed();
            awaitFastStart();
            Traffic traffic = new Traffic(greenlight.blogUrl(), options.clients(), options.rate(), 1_000_000,
                    Duration.ofMinutes(10)).start();
            Instant steadyFrom = Instant.now().plusSeconds(WARM_UP_SECONDS);
            Instant pushed;
            try {
                Thread.sleep((WARM_UP_SECONDS + STEADY_SECONDS) * 1000L);
                pushed = Instant.now();
                greenlight.run(Duration.ofMinutes(8), "push", "--tag", "v2", "--env", "BLOG_VERSION=v2", "--steps",
                        "10,50,100", "--bake", Integer.toString(options.bake()), "--watch").assertOk();
                Thread.sleep(5_000);
            } finally {
                traffic.close();
            }
            ReleaseRecord v2 = greenlight.release("v2");
            List<Instant> shifts = times(v2, "shifted");
            Instant finished = times(v2, "finished").get(0);
            long inconclusive = v2.timeline().stream().filter(d -> d.kind().equals("gate"))
                    .filter(d -> d.message().startsWith("INCONCLUSIVE")).count();
            long extended = v2.timeline().stream().filter(d -> d.kind().equals("gate"))
                    .filter(d -> JSON.readTree(d.evidence()).path("action").asString("").equals("EXTEND")).count();
            List<Traffic.Sample> steady = traffic.between(steadyFrom, pushed);
            List<Traffic.Sample> shifting = traffic.between(shifts.get(0), finished);
            double bakes = 2.0 * options.bake();

            System.out.println();
            System.out.println("== full release " + v1 + " -> v2: " + v2.state());
            System.out.printf(Locale.ROOT, "requests: %d, failed: %d%n", traffic.samples().size(),
                    traffic.count(Traffic.Sample::failed));
            System.out.printf(Locale.ROOT, "steady (%d requests in the %d s before the push, after %d s of warm-up):"
                    + " p50 %.2f ms, p99 %.2f ms%n", steady.size(), STEADY_SECONDS, WARM_UP_SECONDS, percentile(steady, 50), percentile(steady, 99));
            System.out.printf(Locale.ROOT, "during the shifts (%d requests, first shift to blue removed): p50 %.2f ms,"
                    + " p99 %.2f ms (%.2fx steady)%n", shifting.size(), percentile(shifting, 50),
                    percentile(shifting, 99), percentile(shifting, 99) / percentile(steady, 99));
            double toFull = seconds(pushed, shifts.get(shifts.size() - 1));
            System.out.printf(Locale.ROOT, "push to 100%%: %.1f s, of which configured bakes %.0f s: %.1f s excluding"
                    + " the bakes (INCONCLUSIVE verdicts %d, bakes extended %d)%n", toFull, bakes, toFull - bakes,
                    inconclusive, extended);
            System.out.printf(Locale.ROOT, "state transitions: %d%n", transitions(greenlight, v2));
            System.out.println("where the time went (seconds after ./greenlight push started, as the release recorded):");
            v2.timeline().forEach(d -> System.out.printf(Locale.ROOT, "  %6.1f  %-10s %s%n",
                    seconds(pushed, Instant.parse(d.at())), d.kind(), d.message().length() > 90
                            ? d.message().substring(0, 90) + "..." : d.message()));
            statesUntilSecondShift(greenlight, v2, pushed).forEach(System.out::println);
            greenTaskStart(greenlight).ifPresent(line -> System.out.println("green's task: " + line));
        }
    }

    /** The states the release entered, with when, up to and including the second Shift traffic. */
    private static List<String> statesUntilSecondShift(Greenlight greenlight, ReleaseRecord release, Instant pushed) {
        List<String> lines = new ArrayList<>();
        try (SfnClient sfn = sfn(greenlight)) {
            List<HistoryEvent> events = sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn(greenlight,
                    release))).events().stream().toList();
            Instant started = events.get(0).timestamp();
            lines.add(String.format(Locale.ROOT, "until the second shift, state by state (seconds after the execution"
                    + " started, %.2f s after the push):", seconds(pushed, started)));
            int shifts = 0;
            for (HistoryEvent event : events) {
                if (event.stateEnteredEventDetails() == null) {
                    continue;
                }
                String name = event.stateEnteredEventDetails().name();
                lines.add(String.format(Locale.ROOT, "  %6.2f  %s", seconds(started, event.timestamp()), name));
                if (name.equals("Shift traffic") && ++shifts == 2) {
                    break;
                }
            }
        }
        return lines;
    }

    /** What green's own log says of its start (Spring Boot's "Started ... in" line). */
    private static Optional<String> greenTaskStart(Greenlight greenlight) throws IOException {
        try (var files = Files.walk(greenlight.state)) {
            for (Path log : files.filter(path -> path.getParent() != null && path.getParent().endsWith("blog-b")
                    && path.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains("Started ") && line.contains(" in ")) {
                        return Optional.of(line.substring(line.indexOf("Started ")));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static SfnClient sfn(Greenlight greenlight) {
        return SfnClient.builder()
                .endpointOverride(java.net.URI.create(greenlight.cloud().get("sfnEndpoint").asString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String executionArn(Greenlight greenlight, ReleaseRecord release) {
        return greenlight.cloud().get("stateMachineArn").asString().replace(":stateMachine:", ":execution:")
                + ":" + release.executionId().substring(release.executionId().lastIndexOf(':') + 1);
    }

    private static void rollback(Options options) throws Exception {
        try (Greenlight greenlight = Greenlight.upInTempDir("rollout-rollback",
                Map.of("GREENLIGHT_SMOKE_PATHS", "/actuator/health/readiness",
                        "GREENLIGHT_PLAN_MAX_EXTENSION_SECONDS", "0"))) {
            String v1 = greenlight.versionServed();
            Traffic traffic = new Traffic(greenlight.blogUrl(), options.clients(), options.rate(), 1_000_000,
                    Duration.ofMinutes(10)).start();
            Instant pushed;
            try {
                Thread.sleep(10_000);
                pushed = Instant.now();
                greenlight.run(Duration.ofMinutes(8), "push", "--tag", "bad", "--env", "BLOG_VERSION=bad", "--env",
                        "BLOG_FAULTS_ERROR_RATE=0.2", "--steps", "10,50,100", "--bake",
                        Integer.toString(options.bake()), "--watch");
                Thread.sleep(5_000);
            } finally {
                traffic.close();
            }
            ReleaseRecord bad = greenlight.release("bad");
            Predicate<Traffic.Sample> fromBad = s -> s.version().equals("bad");
            List<Traffic.Sample> badAnswers = traffic.samples().stream().filter(fromBad).toList();
            long badErrors = badAnswers.stream().filter(Traffic.Sample::failed).count();
            Instant firstBadError = badAnswers.stream().filter(Traffic.Sample::failed).map(Traffic.Sample::at)
                    .min(Instant::compareTo).orElse(null);
            Instant lastBad = badAnswers.stream().map(Traffic.Sample::at).max(Instant::compareTo).orElse(null);
            Instant rolledBack = times(bad, "rolled-back").get(0);

            System.out.println();
            System.out.println("== rollback of a version answering 5xx on 20% of requests: " + bad.state());
            System.out.println("reason: " + bad.reason());
            System.out.printf(Locale.ROOT, "requests: %d; answered by the bad version: %d; of them errors: %d;"
                    + " other failures: %d%n", traffic.samples().size(), badAnswers.size(), badErrors,
                    traffic.count(s -> s.failed() && !fromBad.test(s)));
            if (firstBadError != null) {
                System.out.printf(Locale.ROOT, "first bad response to 100%% %s: %.1f s (last request answered by the"
                        + " bad version %.1f s after the first error)%n", v1, seconds(firstBadError, rolledBack),
                        seconds(firstBadError, lastBad));
            }
            System.out.printf(Locale.ROOT, "push to 100%% %s again: %.1f s; state transitions: %d%n", v1,
                    seconds(pushed, rolledBack), transitions(greenlight, bad));
        }
    }

    /** State transitions of the release's execution, as Step Functions bills them: states entered. */
    private static long transitions(Greenlight greenlight, ReleaseRecord release) {
        try (SfnClient sfn = sfn(greenlight)) {
            return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn(greenlight, release))).events()
                    .stream().map(HistoryEvent::typeAsString).filter(type -> type.endsWith("StateEntered")).count();
        }
    }

    private static List<Instant> times(ReleaseRecord release, String kind) {
        List<Instant> times = release.timeline().stream().filter(d -> d.kind().equals(kind)).map(Decision::at)
                .map(Instant::parse).toList();
        if (times.isEmpty()) {
            throw new IllegalStateException("no " + kind + " decision in " + release.timeline());
        }
        return times;
    }

    private static double percentile(List<Traffic.Sample> samples, double percentile) {
        double[] latencies = samples.stream().mapToDouble(Traffic.Sample::latencyMs).sorted().toArray();
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
        return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Options parse(String[] args) {
        int clients = 6;
        int rate = 10;
        int bake = 15;
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i += 2) {
            String flag = list.get(i);
            if (i + 1 >= list.size()) {
                usage(flag + " needs a value");
            }
            int value;
            try {
                value = Integer.parseInt(list.get(i + 1));
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 1) {
                usage(flag + " must be a positive whole number, not '" + list.get(i + 1) + "'");
            }
            switch (flag) {
                case "--clients" -> clients = value;
                case "--rate" -> rate = value;
                case "--bake" -> bake = value;
                default -> usage("unknown flag " + flag);
            }
        }
        return new Options(clients, rate, bake);
    }

    private static void usage(String problem) {
        System.err.println("rollout benchmark: " + problem);
        System.err.println("usage: local-cloud/bench/rollout-benchmark.sh [--clients N] [--rate REQUESTS_PER_SECOND_PER_CLIENT]"
                + " [--bake SECONDS]");
        System.exit(1);
    }
}
