package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.greenlight.localcloud.Poll;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The operator console in a real headless Chromium, on a local system brought up by {@code ./greenlight up}, while
 * readers load the blog: a release followed live through the console that {@code up} started, paused and resumed
 * from its page; a second release followed through a console started with {@code --aws} against the local
 * endpoints, aborted from its page. The screenshots in docs/ are taken here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DOCS = Greenlight.ROOT.resolve("docs");

    private static Greenlight greenlight;
    private static WebDriver browser;
    private static Process awsConsole;
    private static Process readOnlyConsole;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void up() throws IOException {
        greenlight = Greenlight.upInTempDir("console", Map.of("GREENLIGHT_SMOKE_PATHS", "/actuator/health/readiness",
                "GREENLIGHT_PLAN_MAX_EXTENSION_SECONDS", "0"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1500, 1500));
    }

    @AfterAll
    static void down() {
        if (browser != null) {
            browser.quit();
        }
        for (Process console : new Process[] {awsConsole, readOnlyConsole}) {
            if (console != null) {
                console.destroy();
            }
        }
        if (greenlight != null) {
            greenlight.close();
        }
    }

    @Test
    @Order(1)
    void up_startsTheConsole_andPrintsItsAddressWithTheBlogs() {
        String url = greenlight.consoleUrl();

        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{40,}");
        assertThat(greenlight.up().out()).contains("Greenlight is already up", "Console:  " + url);
    }

    @Test
    @Order(2)
    void aReleaseUnderLoad_isDrawnLive_pauseHoldsIt_andResumeLetsItGoOn() throws Exception {
        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 10, 30_000, Duration.ofMinutes(4)).start();
        List<String> states;
        try {
            browser.get(greenlight.consoleUrl());
            assertThat(browser.getCurrentUrl()).as("the token is kept in a cookie, not the address")
                    .doesNotContain("token");
            greenlight.run("push", "--tag", "c2", "--env", "BLOG_VERSION=c2", "--steps", "10,50,100", "--bake", "8")
                    .assertOk();
            // the list shows the new release without a reload
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions
                    .presenceOfElementLocated(By.cssSelector("tr[data-release$='-c2'] a")));
            retry(() -> {
                browser.findElement(By.cssSelector("tr[data-release$='-c2'] a")).click();
                return null;
            });
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("c2"));

            Sampler sampler = new Sampler();
            sampler.until(Duration.ofMinutes(2), "green at 10%", () -> steps().contains("10%"));
            press("pause", "Pause release");
            sampler.until(Duration.ofSeconds(40), "the workflow holding in Paused by operator",
                    () -> "Paused by operator".equals(current()));
            assertThat(text("[data-section=timeline]")).contains("PAUSE set by console:");
            Thread.sleep(12_000);
            assertThat(steps()).as("held at 10%% for longer than the 8 s bake").doesNotContain("50%");
            assertThat(greenlight.release("c2").percent()).isEqualTo(10);
            assertThat(current()).isIn("Paused by operator", "Check bake", "Bake decision");

            press("resume", "Resume release");
            sampler.until(Duration.ofMinutes(1), "green at 50%", () -> steps().contains("50%"));
            screenshot("console-rollout.png");
            sampler.until(Duration.ofMinutes(2), "the release to end", () -> text("[data-release-state]")
                    .equals("RELEASED") && text("[data-execution]").equals("SUCCEEDED"));
            states = sampler.states();
        } finally {
            traffic.close();
        }

        assertThat(greenlight.release("c2").state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(traffic.count(Traffic.Sample::failed)).as("failed requests").isZero();
        assertThat(steps()).containsSubsequence("0%", "10%", "50%", "100%");
        assertThat(browser.findElements(By.cssSelector(".uplot"))).as("charts drawn").hasSizeGreaterThanOrEqualTo(2);
        // the current state moved through the workflow, as the page showed it
        assertThat(states).containsSubsequence("Bake", "Paused by operator", "Bake");
        assertThat(new LinkedHashSet<>(states)).hasSizeGreaterThanOrEqualTo(4);
        // green against blue per period, from CloudWatch, with the gate's windows on the charts
        assertPeriods(true);
        // the gate's checks with their numbers
        List<WebElement> checks = browser.findElements(By.cssSelector("[data-check]"));
        assertThat(checks).hasSizeGreaterThanOrEqualTo(4);
        assertThat(checks).extracting(c -> c.findElement(By.cssSelector("[data-observed]")).getText())
                .allMatch(observed -> observed.matches(".*\\d.*\\(limit .*\\d.*\\)"));
        // a look at the end of each step's bake, each with its verdict and green's and blue's counts
        assertThat(browser.findElements(By.cssSelector("[data-look]"))).hasSize(3)
                .allSatisfy(look -> assertThat(look.getText()).containsPattern("(PASS|INCONCLUSIVE) \\d+ \\d"));
        assertThat(text("[data-section=gate]")).contains("green 5xx rate", "balancer 5xx rate");
        assertThat(text("[data-section=timeline]")).contains("paused by console:", "resumed by console:", "finished");
        assertThat(browser.findElements(By.cssSelector("[data-section=controls] button"))).as("no controls once ended")
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector(".state.visited[data-state='Finish release']"))).isNotNull();
    }

    @Test
    @Order(3)
    void throughAws_theSamePages_aboutAControlWithoutTheToken_andAnAbortThatRollsBack() throws Exception {
        JsonNode cloud = greenlight.cloud();
        Path url = greenlight.state.resolveSibling("aws-console.url");
        awsConsole = greenlight.start(Map.of("AWS_ENDPOINT_URL_SFN", cloud.get("sfnEndpoint").asString(),
                        "AWS_ENDPOINT_URL_DYNAMODB", cloud.get("dynamodbEndpoint").asString(),
                        "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                        "AWS_ENDPOINT_URL_CLOUDWATCH", cloud.get("cloudwatchEndpoint").asString(),
                        "GREENLIGHT_LOAD_BALANCER", cloud.get("loadBalancer").asString(),
                        "GREENLIGHT_STATE_MACHINE_ARN", cloud.get("stateMachineArn").asString(),
                        "GREENLIGHT_RELEASES_TABLE", cloud.get("releasesTable").asString()),
                greenlight.state.resolveSibling("aws-console.log"),
                "console", "--aws", "--port", "0", "--url-file", url.toString());
        Path readOnlyUrl = greenlight.state.resolveSibling("read-only-console.url");
        readOnlyConsole = greenlight.start(Map.of(), greenlight.state.resolveSibling("read-only-console.log"),
                "console", "--read-only", "--url-file", readOnlyUrl.toString());
        Poll.until(Duration.ofSeconds(60), "the --aws console to start", () -> Files.exists(url));
        Poll.until(Duration.ofSeconds(60), "the read-only console to start", () -> Files.exists(readOnlyUrl));
        String address = Files.readString(url).strip();
        String base = address.substring(0, address.indexOf("/?token="));
        String cookie = "greenlight_console_" + URI.create(base).getPort() + "="
                + address.substring(address.indexOf("token=") + 6);

        Traffic traffic = new Traffic(greenlight.blogUrl(), 4, 10, 30_000, Duration.ofMinutes(4)).start();
        ReleaseRecord aborted;
        try {
            greenlight.run("push", "--tag", "c3", "--env", "BLOG_VERSION=c3", "--steps", "10,50,100", "--bake", "90")
                    .assertOk();
            Poll.until(Duration.ofMinutes(2), "c3 at 10%", () -> {
                Integer percent = greenlight.release("c3").percent();
                return percent != null && percent == 10;
            });
            String id = greenlight.release("c3").releaseId();
            String page = base + "/releases/" + id;
            browser.get(address);
            assertThat(text("header")).contains("blog on AWS");
            browser.get(page);
            assertThat(steps()).contains("10%");
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> List.of("Bake", "Check bake", "Bake decision")
                    .contains(current()));

            // refused, and nothing changes: no token, no CSRF token, another Host
            String form = "action=abort&csrf=x";
            assertThat(post(page + "/controls", form, null).statusCode()).isEqualTo(403);
            HttpResponse<String> noCsrf = post(page + "/controls", "action=abort", cookie);
            assertThat(noCsrf.statusCode()).isEqualTo(403);
            assertThat(noCsrf.body()).contains("CSRF", "Nothing was changed");
            RawHttp.Response otherHost = RawHttp.sendAsIs(URI.create(base).getPort(), "GET /releases/" + id
                    + " HTTP/1.1\r\nHost: rebound.example\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n");
            assertThat(otherHost.status()).isEqualTo(403);
            assertThat(otherHost.text()).contains("answers only at 127.0.0.1:");
            assertThat(greenlight.release("c3").controls()).isEmpty();
            assertThat(greenlight.release("c3").state()).isEqualTo(ReleaseState.IN_PROGRESS);
            // a read-only console shows the release without its controls and refuses them
            String readOnly = Files.readString(readOnlyUrl).strip();
            String readOnlyBase = readOnly.substring(0, readOnly.indexOf("/?token="));
            String readOnlyCookie = "greenlight_console_" + URI.create(readOnlyBase).getPort() + "="
                    + readOnly.substring(readOnly.indexOf("token=") + 6);
            HttpResponse<String> shown = get(readOnlyBase + "/releases/" + id, readOnlyCookie);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).contains("read-only", "c3").doesNotContain("<form");
            HttpResponse<String> refused = post(readOnlyBase + "/releases/" + id + "/controls", "action=abort",
                    readOnlyCookie);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("--read-only", "Nothing was changed");
            // a state's input and output: a name is needed, and one the execution entered
            assertThat(get(page + "/states", cookie).statusCode()).isEqualTo(400);
            HttpResponse<String> notEntered = get(page + "/states?name=Finish%20release", cookie);
            assertThat(notEntered.statusCode()).isEqualTo(404);
            assertThat(Json.parse(notEntered.body()).get("message").asString()).contains("has not entered");
            assertThat(greenlight.release("c3").controls()).isEmpty();
            // an unknown release is a 404 page
            assertThat(get(base + "/releases/20261204T000000Z-nothing", cookie).statusCode()).isEqualTo(404);
            browser.get(base + "/releases/20261204T000000Z-nothing");
            assertThat(text("h1")).isEqualTo("No such release");
            browser.get(page);

            // an open page costs a bounded number of calls a minute, however many pages show the release
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(page);
            long before = calls(base, cookie);
            Instant from = Instant.now();
            Thread.sleep(20_000);
            long made = calls(base, cookie) - before;
            double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
            // each read of a running release: GetItem, DescribeExecution, GetExecutionHistory, every 5 s; and a
            // GetMetricData once a 60 s period
            assertThat(made).as("AWS calls in %.0f s with two pages open", seconds)
                    .isBetween(3L, 3L * ((long) Math.ceil(seconds / 5) + 1) + (long) Math.ceil(seconds / 60) + 1);
            browser.close();
            browser.switchTo().window(browser.getWindowHandles().iterator().next());

            press("abort", "Abort release");
            new WebDriverWait(browser, Duration.ofMinutes(1)).until(d -> text("[data-release-state]")
                    .equals("ROLLED_BACK") && text("[data-execution]").equals("FAILED"));
            aborted = greenlight.release("c3");
        } finally {
            traffic.close();
        }

        assertThat(aborted.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(aborted.reason()).contains("aborted by console:");
        assertThat(traffic.count(Traffic.Sample::failed)).as("failed requests").isZero();
        // the graph marks the path taken: the abort, the rollback, and the state the execution failed in
        assertThat(browser.findElements(By.cssSelector(
                "polyline.edge.taken[data-from='Bake decision'][data-to='Aborted by operator']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(
                "polyline.edge.taken[data-from='Aborted by operator'][data-to='Roll back']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".state.failed[data-state='Release rolled back']")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".state.visited[data-state='Finish release']"))).isEmpty();
        assertThat(steps()).containsSubsequence("0%", "10%", "0%");
        assertPeriods(false);
        assertThat(text("[data-section=timeline]")).contains("aborted by console:", "rolled-back");
        // a click on a state shows its input and output
        browser.findElement(By.cssSelector(".state[data-state='Roll back']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !text("[data-state-output]").isEmpty());
        assertThat(text("[data-state-name]")).isEqualTo("Roll back");
        assertThat(Json.parse(text("[data-state-output]")).toString()).contains("rolledBack");
        screenshot("console-rolled-back.png");
    }

    /**
     * The per-period charts are drawn, and their periods hold what readers did: green's and blue's requests, and
     * response times.
     */
    private static void assertPeriods(boolean gateLooked) {
        assertThat(browser.findElements(By.cssSelector(".metric-charts .uplot"))).as("the three metric charts")
                .hasSize(3);
        JsonNode periods = Json.parse(retry(() -> browser.findElement(By.cssSelector("[data-chart=requests]"))
                .getAttribute("data-periods")));
        long green = 0;
        long blue = 0;
        boolean timed = false;
        for (JsonNode period : periods) {
            green += period.path("green").path("requests").asLong();
            blue += period.path("blue").path("requests").asLong();
            timed |= period.path("green").path("latency").path(0).isNumber();
        }
        assertThat(green).as("green's requests over the periods").isGreaterThan(50);
        assertThat(blue).as("blue's requests over the periods").isGreaterThan(50);
        assertThat(timed).as("green's p50 in some period").isTrue();
        if (gateLooked) {
            String looks = retry(() -> browser.findElement(By.cssSelector("[data-chart=requests]"))
                    .getAttribute("data-looks"));
            assertThat(looks).as("the gate's windows, shaded on the charts").contains("\"from\"");
        }
    }

    /** Takes the samples of a running page: the state shown as current, each time it changes. */
    private final class Sampler {
        private final List<String> states = new ArrayList<>();

        void until(Duration timeout, String what, Supplier<Boolean> condition) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                String state = current();
                if (state != null && (states.isEmpty() || !states.get(states.size() - 1).equals(state))) {
                    states.add(state);
                }
                if (condition.get()) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(what + " not shown within " + timeout.toSeconds() + " s; states shown: "
                            + states + "; page: " + text("main"));
                }
                Thread.sleep(150);
            }
        }

        List<String> states() {
            return states;
        }
    }

    /** The state the page marks as current, or null. */
    private static String current() {
        return retry(() -> browser.findElements(By.cssSelector(".workflow .state.current")).stream().findFirst()
                .map(e -> e.getAttribute("data-state")).orElse(null));
    }

    /** Green's share at each step the traffic table lists, in order. */
    private static List<String> steps() {
        return retry(() -> browser.findElements(By.cssSelector("[data-step] [data-green]")).stream()
                .map(WebElement::getText).toList());
    }

    private static String text(String css) {
        return retry(() -> browser.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText)
                .orElse(""));
    }

    /** The page replaces its sections as it updates: an element read as it is replaced is read again. */
    private static <T> T retry(Supplier<T> read) {
        for (int attempt = 0; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    /** Presses a control and confirms it, as an operator does; the page reloads with the control set. */
    private static void press(String control, String confirmation) {
        retry(() -> {
            browser.findElement(By.cssSelector("button[data-control=" + control + "]")).click();
            return null;
        });
        Alert alert = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(alert.getText()).startsWith(confirmation);
        alert.accept();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().matches(".*/releases/[^/]+$")
                && !d.findElements(By.cssSelector("[data-section=status]")).isEmpty());
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(DOCS);
        Files.copy(shot.toPath(), DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private long calls(String base, String cookie) throws Exception {
        HttpResponse<String> response = get(base + "/calls", cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        long total = 0;
        for (Map.Entry<String, JsonNode> operation : Json.parse(response.body()).get("total").properties()) {
            total += operation.getValue().asLong();
        }
        return total;
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
