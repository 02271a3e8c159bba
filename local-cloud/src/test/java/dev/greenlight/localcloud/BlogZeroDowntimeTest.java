package dev.greenlight.localcloud;

import dev.greenlight.dynalite.Dynalite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-downtime release with the real blog jar as the image: blue and green blog tasks on
 * dynalite, weights shifted in steps under load, blue retired. The reactor packages blog-web
 * before these tests (local-cloud depends on it in test scope).
 */
class BlogZeroDowntimeTest {

    @TempDir
    Path dir;

    @Test
    void releasingTheBlog_failsNoRequest() throws Exception {
        Path blogJar = Path.of(System.getProperty("greenlight.root", ".."), "blog-web", "target", "blog-web.jar");
        assertThat(blogJar).as("blog-web.jar, packaged by the reactor before this module").isRegularFile();
        try (CloudFixture fixture = new CloudFixture(dir)) {
            Path image = Files.copy(blogJar, dir.resolve("blog-web.jar"));
            String blueGroup = fixture.targetGroup("blog-a");
            String greenGroup = fixture.targetGroup("blog-b");
            CloudFixture.Listening listener = fixture.listener(weights(blueGroup, 1, greenGroup, 0));
            String blue = fixture.taskDefinition("blog", push(fixture, image, "v1"), blogEnv("v1"), "512", "1024");
            fixture.createService("blog-a", blue, blueGroup, 1, 60);
            fixture.awaitHealthy(blueGroup, 1, Duration.ofSeconds(120));

            try (LoadGenerator load = new LoadGenerator("http://127.0.0.1:" + listener.port() + "/", 4, 30_000,
                    Duration.ofSeconds(120)).perClientRate(40).start()) {
                String green = fixture.taskDefinition("blog", push(fixture, image, "v2"), blogEnv("v2"), "512", "1024");
                fixture.createService("blog-b", green, greenGroup, 1, 60);
                fixture.awaitHealthy(greenGroup, 1, Duration.ofSeconds(120));
                for (int[] step : new int[][]{{90, 10}, {50, 50}, {0, 100}}) {
                    fixture.shift(listener.arn(), weights(blueGroup, step[0], greenGroup, step[1]));
                    bake(load);
                }
                fixture.cloud.ecs().deleteService(r -> r.cluster("greenlight").service("blog-a").force(true));
                Poll.until(Duration.ofSeconds(60), "blog-a INACTIVE", () -> fixture.describe("blog-a").status().equals("INACTIVE"));
                long greenBefore = load.answeredBy("v2");
                bake(load);
                load.close();

                assertThat(load.failuresByKind()).as("failed requests").isEmpty();
                assertThat(load.answeredBy("v1")).isPositive();
                assertThat(load.answeredBy("v2")).isGreaterThan(greenBefore);
            }
        }
    }

    private static String push(CloudFixture fixture, Path jar, String tag) {
        return fixture.cloud.ecr().putImage(CloudFixture.REPOSITORY, tag, jar).uri();
    }

    private Map<String, String> blogEnv(String version) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BLOG_VERSION", version);
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("GREENLIGHT_STATE_DIR", dir.resolve("blog-state").toString());
        env.put("BLOG_DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString());
        env.put("BLOG_DYNAMODB_REGION", "us-east-1");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    private static void bake(LoadGenerator load) {
        long target = load.total() + 200;
        Poll.until(Duration.ofSeconds(30), "200 more requests", () -> load.total() >= target);
    }

    private static Map<String, Integer> weights(String blue, int blueWeight, String green, int greenWeight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(blue, blueWeight);
        weights.put(green, greenWeight);
        return weights;
    }
}

