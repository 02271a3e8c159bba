package dev.greenlight.localcloud;

import dev.greenlight.localcloud.process.FreePorts;
import dev.greenlight.localcloud.testapp.TestAppJar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Test app processes started directly (not through ECS), and a small HTTP client for loopback calls. */
public final class TestTargets {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private TestTargets() {
    }

    /** Starts the test app answering as {@code version}; returns its port once it listens. */
    public static int start(LocalCloud cloud, Path logDir, String version, Map<String, String> environment) {
        int port = FreePorts.pick();
        Map<String, String> env = new HashMap<>(environment);
        env.put("BLOG_VERSION", version);
        env.put("SERVER_PORT", String.valueOf(port));
        Process process = cloud.children().startJar(TestAppJar.get(), 64, env, logDir.resolve(version + "-" + port + ".log"));
        Poll.until(Duration.ofSeconds(20), "test app " + version + " to listen", () -> FreePorts.accepts(port) || !process.isAlive());
        return port;
    }

    public static HttpResponse<String> get(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    public static HttpResponse<String> post(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
