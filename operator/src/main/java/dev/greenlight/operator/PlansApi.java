package dev.greenlight.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The local cloud's {@code POST /plans}: what a preview of a push with a plan override needs. */
final class PlansApi implements PlanInputSource {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final URI plans;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlansApi(URI controlEndpoint) {
        String base = controlEndpoint.toString();
        this.plans = URI.create((base.endsWith("/") ? base : base + "/") + "plans");
    }

    @Override
    public Inputs inputs(ObjectNode override, int windowSeconds) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (override != null) {
            body.set("plan", override);
        }
        body.put("windowSeconds", windowSeconds);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(plans).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliException.invalid("cannot reach the local system at " + plans + " ("
                    + e.getClass().getSimpleName() + "); is it running? start it with ./greenlight up");
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200 && answer != null) {
            try {
                return JSON.treeToValue(answer, Inputs.class);
            } catch (JacksonException | IllegalArgumentException e) {
                throw CliException.invalid("the local system's answer to POST " + plans + " cannot be read: "
                        + Text.cut(e.getMessage(), 200) + "; is it the same build as this CLI?");
            }
        }
        String message = answer == null ? response.body() : answer.path("message").asString(response.body());
        if (response.statusCode() == 400) {
            throw CliException.invalid(message);
        }
        throw CliException.invalid("the local system answered " + response.statusCode() + " to POST " + plans + ": "
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
