package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** push against a loopback server that answers POST /images as the local system's control API does. */
@Timeout(30)
class PushCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:greenlight-release:p1";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile String answer;
    private Map<String, String> env;
    private Path jar;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/images", this::images);
        server.start();
        Path state = Files.createDirectories(dir.resolve(".greenlight"));
        Files.writeString(state.resolve("cloud.json"), """
                {"region": "us-east-1", "account": "000000000000", "service": "blog", "repository": "greenlight/blog",
                 "stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:greenlight-release",
                 "releasesTable": "Releases", "sfnEndpoint": "http://127.0.0.1:1", "dynamodbEndpoint": "http://127.0.0.1:1",
                 "controlEndpoint": "http://127.0.0.1:%d", "blogUrl": "http://127.0.0.1:8080/", "testUrl": "http://127.0.0.1:8081/"}
                """.formatted(server.getAddress().getPort()));
        Files.createDirectories(dir.resolve("blog-web/target"));
        jar = Files.writeString(dir.resolve("blog-web/target/blog-web.jar"), "jar bytes");
        env = new HashMap<>(Map.of("GREENLIGHT_STATE", state.toString(), "GREENLIGHT_ROOT", dir.toString()));
        answer = """
                {"repository": "greenlight/blog", "tag": "v2", "digest": "%s",
                 "imageUri": "000000000000.dkr.ecr.us-east-1.amazonaws.com/greenlight/blog@%s",
                 "executions": ["%s"]}""".formatted(DIGEST, DIGEST, EXECUTION);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void push_sendsTheTagJarEnvAndPlan_andPrintsWhatStarted() throws Exception {
        CliRun run = CliRun.of(env, "push", "--tag", "v2", "--env", "GREETING=hello=world", "--env", "MODE=slow",
                "--steps", "10,50,100", "--bake=0,30,60");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(requests).hasSize(1);
        assertThat(JSON.readTree(requests.get(0))).isEqualTo(JSON.readTree("""
                {"tag": "v2", "jar": "%s", "env": {"GREETING": "hello=world", "MODE": "slow"},
                 "plan": {"steps": [10, 50, 100], "bakeSeconds": [0, 30, 60]}}""".formatted(jar.toAbsolutePath())));
        assertThat(run.out()).isEqualTo("""
                pushed greenlight/blog:v2
                digest %s
                image  000000000000.dkr.ecr.us-east-1.amazonaws.com/greenlight/blog@%s
                release started: execution %s
                follow it with ./greenlight watch
                """.formatted(DIGEST, DIGEST, EXECUTION));
    }

    @Test
    void push_withoutFlags_sendsTheDefaultJarAndABuildTag_andNoPlan() throws Exception {
        CliRun run = CliRun.of(env, "push");

        assertThat(run.exitCode()).isZero();
        JsonNode sent = JSON.readTree(requests.get(0));
        assertThat(sent.get("tag").asString()).matches("build-\\d{8}-\\d{6}");
        assertThat(sent.get("jar").asString()).isEqualTo(jar.toAbsolutePath().toString());
        assertThat(sent.get("env").size()).isZero();
        assertThat(sent.has("plan")).isFalse();
    }

    @Test
    void push_ofAnExistingTag_exits1_withTheServersMessage() {
        status = 409;
        answer = "{\"message\": \"tag v2 already exists in greenlight/blog; tags are immutable, push a new one\"}";

        CliRun run = CliRun.of(env, "push", "--tag", "v2", "--bake", "5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "greenlight: tag v2 already exists in greenlight/blog; tags are immutable, push a new one\n");
        assertThat(run.out()).isEmpty();
        assertThat(requests).hasSize(1);
    }

    @Test
    void push_withAPlanOfTheWrongShape_namesTheField_andSendsNothing() {
        CliRun run = CliRun.of(env, "push", "--tag", "v3", "--plan", "{\"gate\": {\"confidence\": \"high\"}}");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("greenlight: --plan: plan field gate.confidence must be a number\n");
        assertThat(requests).isEmpty();
    }

    @Test
    void push_refusedAsBadRequest_exits1_withTheServersMessage() {
        status = 400;
        answer = "{\"message\": \"the jar is not a Spring Boot executable jar\"}";

        CliRun run = CliRun.of(env, "push", "--tag", "v3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("greenlight: the jar is not a Spring Boot executable jar\n");
    }

    @Test
    void push_whenTheControlApiIsDown_saysHowToStartIt() {
        server.stop(0);

        CliRun run = CliRun.of(env, "push", "--tag", "v4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("greenlight: cannot reach the local system at http://127.0.0.1:")
                .endsWith("; is it running? start it with ./greenlight up\n");
    }

    @Test
    void pushWatch_whenNoReleaseStarted_exits1() {
        answer = answer.replace("\"" + EXECUTION + "\"", "");

        CliRun run = CliRun.of(env, "push", "--tag", "v2", "--watch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("no release was started for this push\n");
        assertThat(run.err()).isEqualTo("greenlight: no release was started for v2; there is nothing to watch\n");
    }

    private void images(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
