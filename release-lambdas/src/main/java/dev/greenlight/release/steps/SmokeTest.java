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

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

/**
 * Smoke test: before green gets real traffic, each smoke path is requested through the test listener
 * {@code smokeRequests} times and must always answer 200 from the new version (its {@code X-App-Version} is
 * the pushed tag). The repetitions also warm green up, so the gate does not judge its first, slowest
 * requests. Green's metrics count these requests, so the result says how many were answered in each second, and
 * the gate leaves them out of its counts. A failure is a result with its reason, which the state machine turns into a rollback.
 */
public class SmokeTest {

    static final String VERSION_HEADER = "X-App-Version";

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
        List<String> checked = new ArrayList<>();
        TreeMap<Instant, Long> answered = new TreeMap<>();
        for (String path : paths) {
            URI uri = URI.create(testListenerUrl + path);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String failure = check(uri, release.image().tag(), answers);
                answered.merge(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1L, Long::sum);
                if (failure != null) {
                    checked.add(answers.get(answers.size() - 1));
                    return new Result(false, "smoke test of " + path + " failed on request " + (i + 1) + ": "
                            + failure, checked, seconds(answered));
                }
            }
            checked.add(answers.get(0) + " (x" + requests + ")");
        }
        return new Result(true, "every smoke path answered 200 from " + release.image().tag() + " " + requests
                + " times", checked, seconds(answered));
    }

    private static List<StepRequest.Answered> seconds(TreeMap<Instant, Long> answered) {
        return answered.entrySet().stream().map(e -> new StepRequest.Answered(e.getKey().toString(), e.getValue()))
                .toList();
    }

    private String check(URI uri, String expectedVersion, List<String> checked) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            String version = response.headers().firstValue(VERSION_HEADER).orElse("(none)");
            checked.add(uri.getPath() + " -> " + response.statusCode() + " " + version);
            if (response.statusCode() != 200) {
                return "status " + response.statusCode();
            }
            if (!expectedVersion.equals(version)) {
                return "answered by version " + version + ", not " + expectedVersion;
            }
            return null;
        } catch (IOException e) {
            checked.add(uri.getPath() + " -> " + e.getClass().getSimpleName());
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
