package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.greenlight.localcloud.process.FreePorts;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.statemachine.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./greenlight} run as a user runs it, as separate processes, on its own state directory and port.
 * The reactor build has just built the blog jar and the local cloud, so the script is told not to build.
 */
final class Greenlight implements AutoCloseable {

    /** What a command printed and how it exited. */
    record Result(int exitCode, String out, String err) {

        Result assertOk() {
            assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
            return this;
        }
    }

    static final Path ROOT = Path.of(System.getProperty("greenlight.root", "..")).toAbsolutePath().normalize();
    static final Path BLOG_JAR = ROOT.resolve("blog-web/target/blog-web.jar");

    final Path state;
    final int port;
    private final Map<String, String> environment;
    private DynamoDbClient dynamoDb;
    private Result firstUp;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param environment added to every command's environment (up passes it on to the local system) */
    Greenlight(Path state, Map<String, String> environment) {
        this.state = state;
        this.port = FreePorts.pick();
        this.environment = environment;
    }

    /** A new installation on a fresh state directory, brought up. */
    static Greenlight upInTempDir(String name, Map<String, String> environment) throws IOException {
        Path dir = Files.createTempDirectory("greenlight-" + name + "-");
        Greenlight greenlight = new Greenlight(Files.createDirectories(dir.resolve("state")), environment);
        try {
            greenlight.up();
        } catch (RuntimeException | Error e) {
            greenlight.down();
            throw e;
        }
        return greenlight;
    }

    Result up() {
        if (dynamoDb != null) {
            dynamoDb.close();
            dynamoDb = null;
        }
        Result up = run(Duration.ofMinutes(4), "up", "--port", Integer.toString(port));
        up.assertOk();
        firstUp = firstUp == null ? up : firstUp;
        return up;
    }

    /** The local author's password, which the first {@code up} of a state directory prints once. */
    String authorPassword() {
        java.util.regex.Matcher password = java.util.regex.Pattern.compile("with password '([^']+)'")
                .matcher(firstUp == null ? "" : firstUp.out());
        if (!password.find()) {
            throw new AssertionError("the first up printed no password: " + (firstUp == null ? "no up" : firstUp.out()));
        }
        return password.group(1);
    }

    Result down() {
        return run(Duration.ofMinutes(2), "down");
    }

    Result run(String... args) {
        return run(Duration.ofMinutes(3), args);
    }

    /** Runs {@code ./greenlight args...} and waits for it, at most {@code timeout}. */
    Result run(Duration timeout, String... args) {
        return run(timeout, Map.of(), args);
    }

    /** Runs {@code ./greenlight args...} with {@code extra} added to its environment. */
    Result run(Map<String, String> extra, String... args) {
        return run(Duration.ofMinutes(3), extra, args);
    }

    private Result run(Duration timeout, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("greenlight").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(state.getParent(), "out-", ".txt");
            Path err = Files.createTempFile(state.getParent(), "err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("GREENLIGHT_STATE", state.toString());
            builder.environment().put("GREENLIGHT_SKIP_BUILD", "1");
            builder.environment().putAll(environment);
            builder.environment().putAll(extra);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("./greenlight " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s; output so far:\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("could not run ./greenlight", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Starts {@code ./greenlight args...} without waiting for it, for a command that serves until stopped (the
     * console); its output goes to {@code log}.
     */
    Process start(Map<String, String> extra, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("greenlight").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GREENLIGHT_STATE", state.toString());
        builder.environment().put("GREENLIGHT_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** The console {@code up} started: its address, with the token its pages need. */
    String consoleUrl() {
        try {
            return Files.readString(state.resolve("console.url")).strip();
        } catch (IOException e) {
            throw new AssertionError("up started no console: no console.url", e);
        }
    }

    /** Where the CLI finds each service, as the local system wrote it. */
    JsonNode cloud() {
        try {
            return Json.parse(Files.readString(state.resolve("cloud.json")));
        } catch (IOException e) {
            throw new AssertionError("the local system is not up: no cloud.json", e);
        }
    }

    String blogUrl() {
        return cloud().get("blogUrl").asString();
    }

    /** The local cloud process, whose children are the blog's tasks. */
    ProcessHandle localCloud() {
        return ProcessHandle.of(cloud().get("pid").asLong())
                .orElseThrow(() -> new AssertionError("the local cloud is not running"));
    }

    /** The blog tasks running now (each task is a child process of the local cloud). */
    long tasks() {
        return localCloud().children().filter(ProcessHandle::isAlive).count();
    }

    ReleaseRecords records() {
        return new ReleaseRecords(dynamoDb(), cloud().get("releasesTable").asString());
    }

    Optional<ReleaseLock.Holder> lockHolder() {
        return new ReleaseLock(dynamoDb(), cloud().get("releasesTable").asString()).holder("blog");
    }

    List<ReleaseRecord> history() {
        return records().history("blog", 50);
    }

    ReleaseRecord release(String tag) {
        return history().stream().filter(r -> tag.equals(r.tag())).findFirst()
                .orElseThrow(() -> new AssertionError("no release of " + tag + " in " + history()));
    }

    /**
     * A release's execution as Step Functions tells it: how long it ran, and the states it entered, in order.
     *
     * @param seconds from its start to its stop
     * @param states  the name of each state entered: one per state transition
     */
    record ExecutionRun(double seconds, List<String> states) {
    }

    ExecutionRun execution(String executionArn) {
        try (SfnClient sfn = sfn()) {
            var described = sfn.describeExecution(r -> r.executionArn(executionArn));
            List<String> states = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(1000)).events().stream()
                    .filter(e -> e.typeAsString().endsWith("StateEntered"))
                    .forEach(e -> states.add(e.stateEnteredEventDetails().name()));
            return new ExecutionRun(Duration.between(described.startDate(), described.stopDate()).toMillis() / 1000.0,
                    states);
        }
    }

    /** Posts an event to the local EventBridge as a service would; returns the control API's answer. */
    JsonNode putEvent(String event) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(cloud().get("controlEndpoint").asString() + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** The version that answers a request to the blog now. */
    String versionServed() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(blogUrl())).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("X-App-Version").orElse("none");
    }

    /** A client of the local Step Functions API, to close after use. */
    private SfnClient sfn() {
        return SfnClient.builder()
                .endpointOverride(URI.create(cloud().get("sfnEndpoint").asString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

        private DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(URI.create(cloud().get("dynamodbEndpoint").asString()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
        return dynamoDb;
    }

    @Override
    public void close() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        down();
    }
}
