package dev.greenlight.release.steps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

/**
 * Smoke test: before green gets real traffic, each smoke path is requested through the test listener and
 * must answer 200 from the new version (its {@code X-App-Version} is the pushed tag). A failure is a result
 * with its reason, which the state machine turns into a rollback.
 */
public class SmokeTest {

    static final String VERSION_HEADER = "X-App-Version";

    /**
     * @param passed  every path answered 200 from the new version
     * @param reason  the first failure, or a summary
     * @param checked what each path answered
     */
    public record Result(boolean passed, String reason, List<String> checked) {
    }

    private final ReleaseSteps steps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public SmokeTest(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        List<String> checked = new ArrayList<>();
        for (String path : steps.properties.smokePaths()) {
            String failure = check(URI.create(steps.properties.testListenerUrl() + path), release.image().tag(),
                    checked);
            if (failure != null) {
                return new Result(false, "smoke test of " + path + " failed: " + failure, checked);
            }
        }
        return new Result(true, "all " + checked.size() + " smoke paths answered 200 from " + release.image().tag(),
                checked);
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
