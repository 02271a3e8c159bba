package dev.greenlight.localcloud.bench;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.Timing;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import software.amazon.awssdk.services.ecs.model.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ALB's cost, measured side by side in one run: the same page of the same task, called
 * directly and through the local ALB, at the same concurrency, in alternating rounds.
 *
 * <p>Runs the blog jar (with a private dynalite) when it has been built, else the test app.
 * Loopback only; bounded by time per round and a request cap.
 *
 * <pre>local-cloud/bench/alb-benchmark.sh [--concurrency 8] [--seconds 10] [--rounds 4] [--warmup 15] [--path /]</pre>
 */
public final class AlbBenchmark {

    private static final long MAX_REQUESTS_PER_ROUND = 2_000_000;

    private record Options(int concurrency, int seconds, int rounds, int warmupSeconds, String path, Path blogJar) {
    }

    private record Figures(long requests, long errors, double seconds, Histogram latencyMicros) {
        double throughput() {
            return requests / seconds;
        }

        double p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path dir = Files.createTempDirectory("greenlight-alb-benchmark-");
        boolean blog = Files.isRegularFile(options.blogJar());
        LocalCloud.Config config = LocalCloud.Config.defaults(dir).withTiming(new Timing(Duration.ofMillis(200)));
        try (CloudFixture fixture = new CloudFixture(config)) {
            String image = blog ? fixture.cloud.ecr().putImage(CloudFixture.REPOSITORY, "bench", options.blogJar()).uri()
                    : fixture.pushTestApp("bench");
            String group = fixture.targetGroup("bench");
            int albPort = fixture.listener(Map.of(group, 1)).port();
            fixture.createService("bench", fixture.taskDefinition("bench", image, environment(blog, dir)), group, 1);
            Poll.until(Duration.ofSeconds(180), "the task to pass its health checks", () -> fixture.healthyTargets(group) == 1);
            int directPort = taskPort(fixture);

            String what = blog ? "blog-web.jar, GET " + options.path() : "test app (blog jar not built), GET " + options.path();
            System.out.printf("ALB overhead benchmark: %s, concurrency %d, %d s warm-up per side, %d rounds of %d s per side%n",
                    what, options.concurrency(), options.warmupSeconds(), options.rounds(), options.seconds());
            HttpClient client = new HttpClient();
            client.setMaxConnectionsPerDestination(options.concurrency());
            client.setFollowRedirects(false);
            client.start();
            try {
                String direct = "http://127.0.0.1:" + directPort + options.path();
                String alb = "http://127.0.0.1:" + albPort + options.path();
                run(client, direct, options.concurrency(), options.warmupSeconds());
                run(client, alb, options.concurrency(), options.warmupSeconds());
                List<Figures> directRounds = new ArrayList<>();
                List<Figures> albRounds = new ArrayList<>();
                for (int round = 0; round < options.rounds(); round++) {
                    // Alternate which side goes first, so a drift in the machine's load hits both sides alike.
                    if (round % 2 == 0) {
                        directRounds.add(run(client, direct, options.concurrency(), options.seconds()));
                        albRounds.add(run(client, alb, options.concurrency(), options.seconds()));
                    } else {
                        albRounds.add(run(client, alb, options.concurrency(), options.seconds()));
                        directRounds.add(run(client, direct, options.concurrency(), options.seconds()));
                    }
                }
                report(options, merge(directRounds), merge(albRounds));
            } finally {
                client.stop();
            }
        } finally {
            if (blog) {
                Dynalite.shared().close();
            }
        }
    }

    private static Figures run(HttpClient client, String url, int concurrency, int seconds) throws InterruptedException {
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> {
                while (!stop.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= MAX_REQUESTS_PER_ROUND) {
                    long begin = System.nanoTime();
                    try {
                        ContentResponse response = client.newRequest(url).timeout(10, TimeUnit.SECONDS).send();
                        if (response.getStatus() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    recorder.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                }
            }, "bench-" + i);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        return new Figures(histogram.getTotalCount(), errors.get(), elapsed, histogram);
    }

    private static Figures merge(List<Figures> rounds) {
        Histogram all = new Histogram(3_600_000_000L, 3);
        long requests = 0;
        long errors = 0;
        double seconds = 0;
        for (Figures round : rounds) {
            all.add(round.latencyMicros());
            requests += round.requests();
            errors += round.errors();
            seconds += round.seconds();
        }
        return new Figures(requests, errors, seconds, all);
    }

    private static void report(Options options, Figures direct, Figures alb) {
        System.out.println();
        System.out.println("| path | requests | errors | req/s | p50 | p90 | p99 |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("direct to the task", direct);
        row("through the ALB", alb);
        double ratio = alb.throughput() / direct.throughput();
        double addedP99 = alb.p(99) - direct.p(99);
        System.out.println();
        System.out.printf("ALB throughput: %.1f%% of direct (target >= 80%%): %s%n", ratio * 100, ratio >= 0.8 ? "met" : "NOT met");
        System.out.printf("ALB added p99: %.2f ms (target <= 5 ms): %s%n", addedP99, addedP99 <= 5 ? "met" : "NOT met");
        System.out.printf("Reproduce: local-cloud/bench/alb-benchmark.sh --concurrency %d --seconds %d --rounds %d --warmup %d --path %s%n",
                options.concurrency(), options.seconds(), options.rounds(), options.warmupSeconds(), options.path());
    }

    private static void row(String name, Figures figures) {
        System.out.printf("| %s | %,d | %d | %,.0f | %.2f ms | %.2f ms | %.2f ms |%n", name, figures.requests(), figures.errors(),
                figures.throughput(), figures.p(50), figures.p(90), figures.p(99));
    }

    private static int taskPort(CloudFixture fixture) {
        var ecs = fixture.cloud.ecs();
        List<String> arns = ecs.listTasks(r -> r.cluster("greenlight").serviceName("bench")).taskArns();
        Task task = ecs.describeTasks(r -> r.cluster("greenlight").tasks(arns)).tasks().get(0);
        return task.containers().get(0).networkBindings().get(0).hostPort();
    }

    private static Map<String, String> environment(boolean blog, Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BLOG_VERSION", "bench");
        if (blog) {
            env.put("SPRING_PROFILES_ACTIVE", "local");
            env.put("GREENLIGHT_STATE_DIR", dir.resolve("blog-state").toString());
            env.put("BLOG_DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString());
            env.put("BLOG_DYNAMODB_REGION", "us-east-1");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
        }
        return env;
    }

    private static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        String root = System.getProperty("greenlight.root", ".");
        return new Options(Integer.parseInt(values.getOrDefault("--concurrency", "8")),
                Integer.parseInt(values.getOrDefault("--seconds", "10")),
                Integer.parseInt(values.getOrDefault("--rounds", "4")),
                Integer.parseInt(values.getOrDefault("--warmup", "15")),
                values.getOrDefault("--path", "/"),
                Path.of(values.getOrDefault("--blog-jar", root + "/blog-web/target/blog-web.jar")));
    }
}
