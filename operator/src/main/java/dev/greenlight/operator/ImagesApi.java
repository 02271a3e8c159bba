package dev.greenlight.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local cloud's {@code POST /images}: publish a jar as an image under a new tag, which starts a release. */
final class ImagesApi {

    /**
     * An image the local cloud stored.
     *
     * @param repository the ECR repository
     * @param tag        its tag
     * @param digest     its digest
     * @param imageUri   the image URI pinned by digest
     * @param executions the release executions the push started
     */
    record Pushed(String repository, String tag, String digest, String imageUri, List<String> executions) {
    }

    /** Copying a large jar and hashing it takes a moment; the daemon answers once the image is stored. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI images;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ImagesApi(URI controlEndpoint) {
        String base = controlEndpoint.toString();
        this.images = URI.create((base.endsWith("/") ? base : base + "/") + "images");
    }

    Pushed push(PushRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(images).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.json())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliException.invalid("cannot reach the local system at " + images + " ("
                    + e.getClass().getSimpleName() + "); is it running? start it with ./greenlight up");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 201 && body != null) {
            List<String> executions = new ArrayList<>();
            body.path("executions").forEach(e -> executions.add(e.asString()));
            return new Pushed(body.path("repository").asString(""), body.path("tag").asString(request.tag()),
                    body.path("digest").asString(""), body.path("imageUri").asString(""), executions);
        }
        String message = body == null ? response.body() : body.path("message").asString(response.body());
        if (response.statusCode() == 409 || response.statusCode() == 400) {
            throw CliException.invalid(message);
        }
        throw CliException.invalid("the local system answered " + response.statusCode() + " to POST " + images + ": "
                + Text.cut(message, 300));
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
