package dev.greenlight.dynalite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;

/**
 * A private, in-memory dynalite (a DynamoDB implementation from npm) for one test JVM.
 *
 * <p>{@link #shared()} starts it once, on a port the OS picks on 127.0.0.1, and stops it when the JVM
 * exits. The node process also exits as soon as its stdin closes, so it cannot outlive a JVM that was
 * killed. Tables are created and emptied by the tests through {@link #recreate(CreateTableRequest)}.
 */
public final class Dynalite implements AutoCloseable {

    /** Region and credentials are irrelevant to dynalite but required by the SDK. */
    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static Dynalite shared;

    private final Process process;
    private final URI endpoint;
    private final DynamoDbClient client;
    /** Polls every 20 ms: dynalite changes table state at once, the SDK's default waiter waits 20 s per poll. */
    private final DynamoDbWaiter waiter;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20)))
                        .waitTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** The dynalite of this JVM, started on first use and stopped at JVM exit. */
    public static synchronized Dynalite shared() {
        if (shared == null) {
            shared = start(repositoryRoot());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "dynalite-stop"));
        }
        return shared;
    }

    /** Starts a new in-memory dynalite from the npm packages under {@code root/node_modules}. */
    public static Dynalite start(Path root) {
        Path script = root.resolve("tools/dynalite-server.js");
        if (!Files.isRegularFile(root.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed under " + root.resolve("node_modules")
                    + ": run the Maven build from the repository root (it runs tools/npm-install.sh)");
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString(), "--exit-with-stdin"));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int port = awaitPort(process);
            return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite with node: " + e.getMessage(), e);
        }
    }

    private static int awaitPort(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = firstLine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith("listening ")) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not start; it printed: " + line);
            }
            return Integer.parseInt(line.substring("listening ".length()).trim());
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting dynalite", e);
        }
    }

    /** Finds the repository root: the {@code greenlight.root} system property, else the nearest parent with tools/. */
    static Path repositoryRoot() {
        String configured = System.getProperty("greenlight.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/dynalite-server.js"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Greenlight repository root (tools/dynalite-server.js)"
                + " from " + Path.of("").toAbsolutePath() + "; set -Dgreenlight.root");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this dynalite, shared by the caller's tests. */
    public DynamoDbClient client() {
        return client;
    }

    /** Deletes the table if it exists, then creates it empty. */
    public void recreate(CreateTableRequest table) {
        try {
            client.deleteTable(b -> b.tableName(table.tableName()));
            waiter.waitUntilTableNotExists(b -> b.tableName(table.tableName()));
        } catch (ResourceNotFoundException absent) {
            // first use of this table in this JVM
        }
        client.createTable(table);
        waiter.waitUntilTableExists(b -> b.tableName(table.tableName()));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        waiter.close();
        client.close();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
