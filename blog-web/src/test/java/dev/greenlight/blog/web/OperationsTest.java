package dev.greenlight.blog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.junit.jupiter.api.Test;

import dev.greenlight.blog.BlogTestSupport;

/** What the load balancer and operators see: probes, version, rehearsal faults and graceful shutdown. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void emptyTable() {
        BlogTestSupport.resetTables();
    }

    @Test
    void probesAndInfo_areTheOnlyActuatorEndpoints() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.version", "v42"))) {
            assertThat(get(blog, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            HttpResponse<String> readiness = get(blog, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"UP\"");
            HttpResponse<String> info = get(blog, "/actuator/info");
            assertThat(info.body()).contains("\"version\":\"v42\"");
            assertThat(info.headers().firstValue("X-App-Version")).contains("v42");

            for (String hidden : new String[] {"/actuator", "/actuator/health", "/actuator/env", "/actuator/beans",
                    "/actuator/heapdump", "/actuator/health/dynamoDb", "/%61ctuator", "/%61ctuator/env",
                    "/actuator;x=1", "/actuator;x=1/env", "/./actuator/env", "/posts/../actuator"}) {
                assertThat(get(blog, hidden).statusCode()).as(hidden).isEqualTo(404);
            }
            // the server refuses an encoded slash outright
            HttpResponse<String> encodedSlash = get(blog, "/actuator%2Fenv");
            assertThat(encodedSlash.statusCode()).isEqualTo(400);
            assertThat(encodedSlash.body()).doesNotContain("propertySources");
        }
    }

    @Test
    void aMultipartBodyAnnounced_withExpect100Continue_isAnsweredWithoutWaitingForIt() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of())) {
            int port = URI.create(blog.url("/")).getPort();
            for (String method : new String[] {"TRACE", "GET", "POST"}) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(5_000);
                    // the head alone: the body is sent only if the server asks for it with 100 Continue
                    socket.getOutputStream().write((method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Expect: 100-continue\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                            + "Content-Length: 10\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readNBytes(12),
                            java.nio.charset.StandardCharsets.US_ASCII);
                    assertThat(answer).as(method).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 5");
                }
            }
        }
    }

    @Test
    void theFeedsLinks_comeFromTheConfiguredBaseUrl_notFromTheRequestsHeaders() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.base-url", "https://blog.example.com/"))) {
            HttpResponse<String> feed = http.send(HttpRequest.newBuilder(URI.create(blog.url("/feed.atom")))
                    .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "http")
                    .header("Forwarded", "host=evil.example").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.body()).contains("<id>https://blog.example.com/</id>",
                    "href=\"https://blog.example.com/feed.atom\"").doesNotContain("evil.example");
        }
    }

    @Test
    void aBaseUrlThatIsNotAnHttpAddress_stopsTheBlogFromStarting_withWhatToFix() {
        assertThatThrownBy(() -> BlogInstance.start(Map.of("blog.base-url", "ftp://blog.example.com")).close())
                .hasStackTraceContaining("blog.base-url (BLOG_BASE_URL) must be an http or https address");
    }

    @Test
    void logs_areJsonOutsideTheLocalProfile(CapturedOutput output) throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.version", "json-logs"))) {
            get(blog, "/");
        }

        String started = output.getAll().lines().filter(l -> l.contains("Tomcat initialized with port")).findFirst()
                .orElseThrow();
        assertThat(started).startsWith("{").contains("\"@timestamp\"").contains("\"level\":\"INFO\"");
    }

    @Test
    void readiness_isDownWhenDynamoDbIsUnreachable() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.dynamodb.posts-table", "NoSuchTable"))) {
            assertThat(get(blog, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(get(blog, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errorRateFault_answers500ButStaysReady() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.faults.error-rate", "1.0", "blog.version", "bad"))) {
            HttpResponse<String> page = get(blog, "/");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.headers().firstValue("X-App-Version")).contains("bad");
            assertThat(get(blog, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void partialErrorRate_failsAboutThatFractionOfRequests() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.faults.error-rate", "0.2"))) {
            int failures = 0;
            for (int i = 0; i < 400; i++) {
                if (get(blog, "/feed.atom").statusCode() == 500) {
                    failures++;
                }
            }
            assertThat(failures).isBetween(40, 130);
        }
    }

    @Test
    void latencyFault_slowsPagesButNotProbes() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.faults.latency-ms", "400"))) {
            long start = System.nanoTime();
            assertThat(get(blog, "/").statusCode()).isEqualTo(200);
            long pageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            start = System.nanoTime();
            assertThat(get(blog, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            long probeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(pageMillis).isGreaterThanOrEqualTo(400);
            assertThat(probeMillis).isLessThan(400);
        }
    }

    @Test
    void readinessFault_keepsTheVersionOutOfService() throws Exception {
        try (BlogInstance blog = BlogInstance.start(Map.of("blog.faults.readiness-down", "true"))) {
            assertThat(get(blog, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(get(blog, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(blog, "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shutdown_refusesTrafficThenLetsInFlightRequestsFinish() throws Exception {
        BlogInstance blog = BlogInstance.start(Map.of("blog.faults.latency-ms", "1500"));
        List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<String>>[] inFlightWhenRefused = new CompletableFuture[1];
        String url = blog.url("/");
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        blog.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
            if (event.getState() instanceof ReadinessState state) {
                readiness.add(state);
                inFlightWhenRefused[0] = inFlight.isDone() ? null : inFlight;
            }
        });
        Thread.sleep(400);

        long start = System.nanoTime();
        blog.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Greenlight blog");
        assertThat(closeMillis).as("shutdown waited for the request").isGreaterThan(500);
        assertThat(blog.context().isActive()).isFalse();
        assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC);
        assertThat(inFlightWhenRefused[0]).as("readiness went down while the request was in flight").isNotNull();
    }

    private HttpResponse<String> get(BlogInstance blog, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(blog.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
