package dev.greenlight.localcloud.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

/** The control API's answers to requests it cannot act on: a 4xx with a message, nothing done, never a 500. */
class ControlApiTest {

    @TempDir
    Path dir;
    private final List<String> done = new ArrayList<>();
    private ControlApi api;

    @BeforeEach
    void start() throws Exception {
        api = ControlApi.start(new ControlApi.Operations() {
            @Override
            public ControlApi.Publication publish(String tag, Path jar, Map<String, String> env, JsonNode plan) {
                if (plan != null && plan.has("terminationWaitSeconds")) {
                    throw new InvalidPlanException(List.of("terminationWaitSeconds is too short", "steps end below 100"));
                }
                done.add("publish " + tag);
                return new ControlApi.Publication(null, List.of(), List.of());
            }

            @Override
            public ControlApi.Publication putEvent(JsonNode event) {
                done.add("event");
                return new ControlApi.Publication(null, List.of(), List.of());
            }

            @Override
            public JsonNode planInputs(JsonNode plan, int windowSeconds) {
                done.add("plan " + windowSeconds);
                return Json.object();
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void aJarPathWithANul_anEnvValueThatIsNotAString_andBodiesThatAreNotUtf8_are400s() throws Exception {
        Path jar = Files.writeString(dir.resolve("blog.jar"), "jar");
        for (String body : List.of("{\"tag\":\"v1\",\"jar\":\"/tmp/a\\u0000b.jar\"}",
                "{\"tag\":\"v1\",\"jar\":\"" + jar + "\",\"env\":{\"A\":{\"b\":1}}}",
                "{\"tag\":\"v1\",\"jar\":\"" + jar + "\",\"env\":{\"A\":null}}",
                "{\"tag\":{},\"jar\":\"" + jar + "\"}")) {
            HttpResponse<String> response = post("/images", body.getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("message").asString()).as(body).isNotBlank();
            assertThat(response.body()).as(body).doesNotContain("Exception", "java.");
        }
        byte[] notUtf8 = {'{', '"', 't', 'a', 'g', '"', ':', '"', (byte) 0xFF, '"', '}'};
        HttpResponse<String> response = post("/events", notUtf8);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("message").asString()).contains("UTF-8");
        assertThat(done).isEmpty();

        assertThat(post("/images", ("{\"tag\":\"v1\",\"jar\":\"" + jar + "\"}").getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(201);
        assertThat(done).containsExactly("publish v1");
    }

    @Test
    void aPlanThatCannotBeFollowed_isA400_listingEveryProblem() throws Exception {
        Path jar = Files.writeString(dir.resolve("blog.jar"), "jar");
        HttpResponse<String> response = post("/images", ("{\"tag\":\"v1\",\"jar\":\"" + jar
                + "\",\"plan\":{\"terminationWaitSeconds\":1}}").getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("message").asString())
                .isEqualTo("the plan cannot be followed: terminationWaitSeconds is too short; steps end below 100");
        assertThat(done).isEmpty();
    }

    /** What Jetty refuses before the API's handler sees it is still the API's JSON, not Jetty's page. */
    @Test
    void planInputs_checkTheirWindowAndPlanShape_beforeAskingTheSystem() throws Exception {
        assertThat(post("/plans", "{\"windowSeconds\": 30}".getBytes(StandardCharsets.UTF_8)).body())
                .contains("windowSeconds must be a whole number of seconds from 60 to 86400");
        assertThat(post("/plans", "{\"windowSeconds\": 600.5}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(post("/plans", "{\"plan\": [1]}".getBytes(StandardCharsets.UTF_8)).body())
                .contains("plan must be an object");
        assertThat(done).isEmpty();

        assertThat(post("/plans", "{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(done).containsExactly("plan 600");
    }

    @Test
    void aRequestThatIsNotValidHttp_isAJson400() throws IOException {
        for (String head : List.of("POST /%25 HTTP/1.1", "POST /images%2F HTTP/1.1", "GET /\u0001 HTTP/1.1", "PUT /%25 HTTP/1.1",
                "DELETE /a%2F HTTP/1.1")) {
            try (Socket socket = new Socket("127.0.0.1", api.endpoint().getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((head + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close"
                        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).as(head).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json")
                        .contains("{\"message\":\"the request could not be read as HTTP (status 400)\"}")
                        .doesNotContain("<html", "Exception");
            }
        }
        assertThat(done).isEmpty();
    }

    @Test
    void aBodyLargerThanTheApiReads_isRefusedWith413_beforeItIsSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 50000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("application/json", "at most");
        }
        assertThat(done).isEmpty();
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.endpoint().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
