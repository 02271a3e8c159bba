package dev.greenlight.localcloud.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Steady readers: a few clients, each paced to a request rate, recording every answer (when, status,
 * version, latency). Bounded by a request budget and a time limit.
 */
final class Traffic implements AutoCloseable {

    /**
     * One request.
     *
     * @param at        when it was sent
     * @param status    the HTTP status, or 0 when no answer came (connection refused, reset, timeout)
     * @param version   the X-App-Version that answered, or "none"
     * @param latencyMs how long the answer took
     */
    record Sample(Instant at, int status, String version, double latencyMs) {

        boolean failed() {
            return status != 200;
        }
    }

    private final URI uri;
    private final int clients;
    private final long pauseNanos;
    private final long maxRequests;
    private final Duration maxDuration;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    Traffic(String url, int clients, int perClientRate, long maxRequests, Duration maxDuration) {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load tests target loopback only: " + url);
        }
        this.uri = URI.create(url);
        this.clients = clients;
        this.pauseNanos = 1_000_000_000L / perClientRate;
        this.maxRequests = maxRequests;
        this.maxDuration = maxDuration;
    }

    Traffic start() {
        long deadline = System.nanoTime() + maxDuration.toNanos();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> loop(deadline), "reader-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void loop(long deadline) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        long next = System.nanoTime();
        while (!stop.get() && System.nanoTime() - deadline < 0 && sent.incrementAndGet() <= maxRequests) {
            next += pauseNanos;
            LockSupport.parkNanos(next - System.nanoTime());
            Instant at = Instant.now();
            long started = System.nanoTime();
            int status = 0;
            String version = "none";
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                version = response.headers().firstValue("X-App-Version").orElse("none");
            } catch (IOException e) {
                // recorded as status 0: no answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            samples.add(new Sample(at, status, version, (System.nanoTime() - started) / 1e6));
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<Sample> between(Instant from, Instant to) {
        return samples.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
    }

    long count(Predicate<Sample> which) {
        return samples.stream().filter(which).count();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(35_000);
        }
    }
}
