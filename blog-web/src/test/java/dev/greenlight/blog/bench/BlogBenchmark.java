package dev.greenlight.blog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import dev.greenlight.blog.BlogProperties;
import dev.greenlight.blog.post.PostRepository;
import dev.greenlight.blog.account.SignInTable;
import dev.greenlight.blog.post.PostTable;
import dev.greenlight.dynalite.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Benchmark, not a test: the packaged blog's startup to ready, and its home page latency as the posts table
 * grows (100, 1,000 and 10,000 posts) on dynalite. Run it with {@code bench/blog.sh}; it prints its figures
 * and the command that reproduces them.
 */
public final class BlogBenchmark {

    private static final String TABLE = "BlogPosts";
    private static final String INDEX = "feed";
    private static final int[] SIZES = {100, 1_000, 10_000};
    private static final int STARTS = 5;
    private static final int WARMUP = 500;
    private static final int MEASURED = 2_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path bootJar;
    private final List<Prepared> prepared;
    private final Dynalite dynalite;

    /** The blog prepared by tools/fast-start.sh on one JVM: its {@code jvm.options} say what the start uses. */
    private record Prepared(Path javaHome, Path directory) {
        String java() {
            return javaHome.resolve("bin").resolve("java").toString();
        }

        String version() throws IOException {
            return Files.readAllLines(javaHome.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                    .findFirst().map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "")).orElse("?");
        }

        List<String> options() throws IOException {
            return Files.readAllLines(directory.resolve("jvm.options")).stream().filter(line -> !line.isBlank()).toList();
        }
    }

    private BlogBenchmark(Path bootJar, List<Prepared> prepared, Dynalite dynalite) {
        this.bootJar = bootJar;
        this.prepared = prepared;
        this.dynalite = dynalite;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !java.util.Arrays.stream(args).skip(1).allMatch(arg -> arg.contains("="))) {
            System.err.println("usage: BlogBenchmark BOOT_JAR JAVA_HOME=PREPARED_DIR...   (run bench/blog.sh)");
            System.exit(2);
        }
        List<Prepared> prepared = java.util.Arrays.stream(args).skip(1)
                .map(arg -> new Prepared(Path.of(arg.substring(0, arg.indexOf('='))), Path.of(arg.substring(arg.indexOf('=') + 1))))
                .toList();
        try (Dynalite dynalite = Dynalite.start(Path.of("").toAbsolutePath())) {
            dynalite.recreate(PostTable.createRequest(TABLE, INDEX));
            dynalite.recreate(SignInTable.createRequest("BlogSignIns"));
            new BlogBenchmark(Path.of(args[0]), prepared, dynalite).run();
        }
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.version"));
        System.out.println();
        System.out.println("Startup to ready (process start until /actuator/health/readiness answers 200), "
                + STARTS + " starts each");
        for (Prepared jvm : prepared) {
            reportStartup("Java " + jvm.version() + ", plain jar (java -jar blog-web.jar)",
                    List.of(jvm.java(), "-jar", bootJar.toAbsolutePath().toString()), bootJar.toAbsolutePath().getParent());
            List<String> fast = new ArrayList<>(List.of(jvm.java()));
            fast.addAll(jvm.options());
            fast.addAll(List.of("-jar", "blog-web.jar"));
            String recorded = jvm.options().stream().anyMatch(option -> option.startsWith("-XX:AOTCache=")) ? "AOT cache" : "CDS archive";
            reportStartup("Java " + jvm.version() + ", extracted + Spring AOT + " + recorded, fast,
                    jvm.directory().toAbsolutePath());
        }

        System.out.println();
        System.out.println("Home page (GET /), one client, keep-alive, " + WARMUP + " warm-up then " + MEASURED
                + " measured requests");
        System.out.printf("%8s %9s %9s %9s %9s %10s   %s%n", "posts", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s",
                "full Scan of the table, p50 ms (what a Scan-based home page would pay)");
        PostRepository posts = new PostRepository(dynalite.client(), properties(dynalite));
        int port = freePort();
        Process blog = startFast(port);
        try {
            awaitReady(port, blog, Duration.ofSeconds(60));
            int seeded = 0;
            for (int size : SIZES) {
                seed(posts, seeded, size);
                seeded = size;
                reportHomePage(size, port);
            }
        } finally {
            stop(blog);
        }
        System.out.println();
        System.out.println("reproduce: bench/blog.sh");
    }

    private void reportStartup(String label, List<String> command, Path dir) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            int port = freePort();
            long start = System.nanoTime();
            Process process = start(command, dir, port);
            try {
                awaitReady(port, process, Duration.ofSeconds(60));
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            } finally {
                stop(process);
            }
        }
        Collections.sort(millis);
        System.out.printf("  %-62s median %5d ms   min %5d ms   max %5d ms%n", label, millis.get(STARTS / 2),
                millis.get(0), millis.get(STARTS - 1));
    }

    private void reportHomePage(int size, int port) throws Exception {
        URI home = URI.create("http://127.0.0.1:" + port + "/");
        for (int i = 0; i < WARMUP; i++) {
            get(home);
        }
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            get(home);
            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%8d %9.2f %9.2f %9.2f %9.2f %10.0f   %.1f%n", size,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0, MEASURED / seconds,
                fullScanMillis());
    }

    private double fullScanMillis() {
        DynamoDbClient client = dynalite.client();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
                ScanResponse page = client.scan(b -> b.tableName(TABLE).exclusiveStartKey(from));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            times.add(System.nanoTime() - t0);
        }
        Collections.sort(times);
        return times.get(times.size() / 2) / 1e6;
    }

    private void get(URI uri) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
    }

    private static void seed(PostRepository posts, int from, int to) throws Exception {
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        String body = "A post for the benchmark. ".repeat(40);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int n = i;
                writes.add(pool.submit(() -> posts.create(n % 3 == 0 ? "alice" : "bob", "Post " + n, body,
                        base.plusSeconds(n * 60L))));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private Process startFast(int port) throws IOException {
        Prepared last = prepared.get(prepared.size() - 1);
        List<String> command = new ArrayList<>(List.of(last.java()));
        command.addAll(last.options());
        command.addAll(List.of("-jar", "blog-web.jar"));
        return start(command, last.directory().toAbsolutePath(), port);
    }

    private Process start(List<String> command, Path dir, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("benchmark-run.log").toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("BLOG_VERSION", "bench");
        env.put("BLOG_SESSION_SECRET", "benchmark-session-secret-0123456789abcdef");
        env.put("BLOG_DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        env.put("BLOG_DYNAMODB_REGION", Dynalite.REGION.id());
        env.put("BLOG_DYNAMODB_POSTS_TABLE", TABLE);
        env.put("BLOG_DYNAMODB_FEED_INDEX", INDEX);
        env.put("AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_KEY);
        return builder.start();
    }

    private void awaitReady(int port, Process process, Duration timeout) throws Exception {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the blog exited during start, code " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // poll again
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the blog was not ready within " + timeout);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static BlogProperties properties(Dynalite dynalite) {
        return new BlogProperties("bench", URI.create("http://localhost:8080"),
                new BlogProperties.Dynamodb(dynalite.endpoint(), Dynalite.REGION.id(), TABLE, INDEX, "BlogSignIns", false),
                null, 1, List.of(), new BlogProperties.Local(null), new BlogProperties.Faults(0, 0, false));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
