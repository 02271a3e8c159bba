package dev.greenlight.localcloud.testapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stand-in for the blog, run as a task "image" in tests: it honours the blog's contract
 * (SERVER_PORT, SERVER_ADDRESS, BLOG_VERSION in X-App-Version, readiness and liveness endpoints,
 * graceful shutdown on SIGTERM, and the BLOG_FAULTS_* rehearsal faults).
 *
 * <p>For tests: {@code POST /test/readiness-down} turns readiness off at run time, and
 * {@code GET /test/in-flight} tells how many page requests are being answered.
 */
public final class TestApp {

    private static final AtomicBoolean ready = new AtomicBoolean(true);
    private static final AtomicBoolean stopping = new AtomicBoolean(false);
    private static final AtomicInteger inFlight = new AtomicInteger();

    private TestApp() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080"));
        String address = env.getOrDefault("SERVER_ADDRESS", "127.0.0.1");
        String version = env.getOrDefault("BLOG_VERSION", "dev");
        double errorRate = Double.parseDouble(env.getOrDefault("BLOG_FAULTS_ERROR_RATE", "0"));
        long latencyMillis = Long.parseLong(env.getOrDefault("BLOG_FAULTS_LATENCY_MS", "0"));
        ready.set(!Boolean.parseBoolean(env.getOrDefault("BLOG_FAULTS_READINESS_DOWN", "false")));
        // as a cold JVM beside a busy neighbour answers its first health checks
        long readinessLatencyMillis = Long.parseLong(env.getOrDefault("TEST_READINESS_LATENCY_MS", "0"));

        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 1024);
        ExecutorService workers = Executors.newFixedThreadPool(64);
        server.setExecutor(workers);
        server.createContext("/actuator/health/readiness", exchange -> {
            pause(readinessLatencyMillis);
            respond(exchange, version, ready.get() && !stopping.get() ? 200 : 503,
                    ready.get() && !stopping.get() ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
        });
        server.createContext("/actuator/health/liveness", exchange -> respond(exchange, version, 200, "{\"status\":\"UP\"}"));
        server.createContext("/test/readiness-down", exchange -> {
            ready.set(false);
            respond(exchange, version, 204, "");
        });
        server.createContext("/test/in-flight", exchange -> respond(exchange, version, 200, inFlight.get() + "\n"));
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            try {
                page(exchange, version, errorRate, latencyMillis);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Like Spring Boot's graceful shutdown: refuse new work, finish what is in flight.
            stopping.set(true);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
                pause(10);
            }
            server.stop(0);
            workers.shutdown();
        }, "graceful-shutdown"));
        server.start();
        System.out.println("test app " + version + " listening on " + address + ":" + port);
    }

    private static void page(HttpExchange exchange, String version, double errorRate, long latencyMillis) throws IOException {
        pause(latencyMillis);
        if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
            respond(exchange, version, 500, "injected fault\n");
            return;
        }
        String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        String body = "<html><body><h1>Greenlight test app " + version + "</h1><p>path=" + exchange.getRequestURI()
                + " forwarded-for=" + forwardedFor
                + " forwarded-proto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")
                + " forwarded-port=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Port")
                + "</p></body></html>\n";
        respond(exchange, version, 200, body);
    }

    private static void respond(HttpExchange exchange, String version, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-App-Version", version);
        exchange.getResponseHeaders().set("Content-Type", status == 200 && body.startsWith("{")
                ? "application/json" : "text/html; charset=utf-8");
        exchange.getRequestBody().readAllBytes();
        if (status == 204) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
