package dev.greenlight.localcloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady closed-loop traffic to one loopback URL from a few threads, bounded by a request budget
 * and a time limit, counting answers per status and per X-App-Version.
 */
public final class LoadGenerator implements AutoCloseable {

    private final URI uri;
    private final int concurrency;
    private final long maxRequests;
    private final Duration maxDuration;
    private volatile long pauseNanos;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder succeeded = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> versions = new ConcurrentHashMap<>();
    private final List<Long> failureTimes = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile long startedAt;

    public LoadGenerator(String url, int concurrency, long maxRequests, Duration maxDuration) {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load tests target loopback only: " + url);
        }
        this.uri = URI.create(url);
        this.concurrency = concurrency;
        this.maxRequests = maxRequests;
        this.maxDuration = maxDuration;
    }

    /** Paces each client to at most this many requests per second (by default they go as fast as answers come). */
    public LoadGenerator perClientRate(int requestsPerSecond) {
        this.pauseNanos = 1_000_000_000L / requestsPerSecond;
        return this;
    }

    public LoadGenerator start() {
        startedAt = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(this::loop, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void loop() {
        long deadline = startedAt + maxDuration.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        long next = System.nanoTime();
        while (!stop.get() && System.nanoTime() - deadline < 0 && sent.incrementAndGet() <= maxRequests) {
            next += pauseNanos;
            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    succeeded.increment();
                    String version = response.headers().firstValue("X-App-Version").orElse("none");
                    versions.computeIfAbsent(version, v -> new LongAdder()).increment();
                } else {
                    fail(String.valueOf(response.statusCode()));
                }
            } catch (java.io.IOException e) {
                fail(e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fail(String kind) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        failureTimes.add(System.nanoTime());
    }

    /** Stops the traffic and waits for the in-flight requests to finish. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(35_000);
        }
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> failuresByKind() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        failures.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    public long answeredBy(String version) {
        LongAdder count = versions.get(version);
        return count == null ? 0 : count.sum();
    }

    /** Failures that happened after the given System.nanoTime() instant. */
    public long failedSince(long nanoTime) {
        return failureTimes.stream().filter(time -> time - nanoTime > 0).count();
    }

    public long total() {
        return succeeded() + failed();
    }
}
