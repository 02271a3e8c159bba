package dev.greenlight.release.steps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

/**
 * Smoke test: before green gets real traffic, each smoke path is requested through the test listener
 * {@code smokeRequests} times (the first alone, then {@link #IN_FLIGHT} at a time) and must always answer 200 from
 * the new version (its {@code X-App-Version} is the pushed tag). The repetitions also warm green up, so the gate
 * does not judge its first, slowest requests. Green's metrics count these requests, so the result says how many
 * were answered in each second, and the gate leaves them out of its counts. A failure is a result with its reason,
 * which the state machine turns into a rollback.
 */
public class SmokeTest {

    static final String VERSION_HEADER = "X-App-Version";

    /**
     * After a path's first request, this many go at a time: a fresh JVM answers them faster side by side (on the
     * local system with no readers, the smoke test's 50 requests of the home page took 0.45 to 0.51 s eight at a
     * time and 0.53 to 0.66 s four at a time, over three releases each).
     */
    static final int IN_FLIGHT = 8;

    private static final ExecutorService LANES = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
        Thread thread = new Thread(runnable, "smoke-test");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param passed  every path answered 200 from the new version
     * @param reason  the first failure, or a summary
     * @param checked what each path answered
     * @param answered how many of its requests were answered in each second, in order
     */
    public record Result(boolean passed, String reason, List<String> checked, List<StepRequest.Answered> answered) {
    }

    private final String testListenerUrl;
    private final List<String> paths;
    private final int requests;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * @param testListenerUrl base URL of the test listener, which points at green
     * @param paths           the paths to request
     * @param requests        how many times to request each
     */
    public SmokeTest(String testListenerUrl, List<String> paths, int requests) {
        this.testListenerUrl = testListenerUrl;
        this.paths = List.copyOf(paths);
        this.requests = Math.max(1, requests);
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        String tag = release.image().tag();
        List<String> checked = new ArrayList<>();
        TreeMap<Instant, Long> answered = new TreeMap<>();
        for (String path : paths) {
            List<Answer> answers = repeat(URI.create(testListenerUrl + path), tag);
            answers.forEach(answer -> answered.merge(answer.at(), 1L, Long::sum));
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).failure() != null) {
                    checked.add(answers.get(i).line());
                    return new Result(false, "smoke test of " + path + " failed on request " + (i + 1) + ": "
                            + answers.get(i).failure(), checked, seconds(answered));
                }
            }
            checked.add(answers.get(0).line() + " (x" + requests + ")");
        }
        return new Result(true, "every smoke path answered 200 from " + tag + " " + requests + " times", checked,
                seconds(answered));
    }

    /**
     * A path's requests, in the order they were numbered: the first alone (a version that is broken fails on it
     * and gets no more), then the rest {@link #IN_FLIGHT} at a time.
     */
    private List<Answer> repeat(URI uri, String tag) {
        Answer first = check(uri, tag);
        if (first.failure() != null || requests == 1) {
            return List.of(first);
        }
        Answer[] rest = new Answer[requests - 1];
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] lanes = new CompletableFuture<?>[Math.min(IN_FLIGHT, rest.length)];
        for (int lane = 0; lane < lanes.length; lane++) {
            lanes[lane] = CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < rest.length; i = next.getAndIncrement()) {
                    rest[i] = check(uri, tag);
                }
            }, LANES);
        }
        CompletableFuture.allOf(lanes).join();
        List<Answer> answers = new ArrayList<>(List.of(first));
        answers.addAll(List.of(rest));
        return answers;
    }

    private static List<StepRequest.Answered> seconds(TreeMap<Instant, Long> answered) {
        return answered.entrySet().stream().map(e -> new StepRequest.Answered(e.getKey().toString(), e.getValue()))
                .toList();
    }

    /**
     * One request's answer.
     *
     * @param line    what it answered, for the result
     * @param failure why it fails the smoke test; null when it passes
     * @param at      the second it was answered in
     */
    private record Answer(String line, String failure, Instant at) {
    }

    private Answer check(URI uri, String expectedVersion) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            String version = response.headers().firstValue(VERSION_HEADER).orElse("(none)");
            String line = uri.getPath() + " -> " + response.statusCode() + " " + version;
            if (response.statusCode() != 200) {
                return answer(line, "status " + response.statusCode());
            }
            if (!expectedVersion.equals(version)) {
                return answer(line, "answered by version " + version + ", not " + expectedVersion);
            }
            return answer(line, null);
        } catch (IOException e) {
            return answer(uri.getPath() + " -> " + e.getClass().getSimpleName(),
                    "no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(uri.getPath() + " -> interrupted", "interrupted");
        }
    }

    private static Answer answer(String line, String failure) {
        return new Answer(line, failure, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
