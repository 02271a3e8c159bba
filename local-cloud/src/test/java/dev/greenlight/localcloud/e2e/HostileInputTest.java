package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.greenlight.operator.GreenlightCli;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input, generated, at every entry point of a running {@code ./greenlight up}: the blog's routes and
 * forms through the local ALB (signed out, and signed in as an author), the local Step Functions, CloudWatch
 * and Lambda Invoke APIs, the control API, the operator console, and the CLI's commands and flags. Whatever is sent, each answer is what that entry
 * point promises:
 * <ul>
 *   <li>the blog: never a 5xx; an HTML page (or the feed, the probes' JSON, the style sheet where those are
 *       asked for); and whatever an author saves, the home page, the post and the Atom feed still render, the
 *       feed as well-formed XML;</li>
 *   <li>the Step Functions API: 200, or a 400 with an AWS error type Step Functions has and a message, as
 *       {@code application/x-amz-json-1.0};</li>
 *   <li>the local CloudWatch API: 200 with results, or a CloudWatch error (a {@code __type} and a message), as
 *       CBOR;</li>
 *   <li>the local Lambda Invoke API: the preview's inputs, the function's refusal of what is no request
 *       ({@code InvalidPlanException} and a message), or a Lambda error type and a message; never a 5xx;</li>
 *   <li>the control API: a JSON answer with a message, never a 5xx, and nothing pushed;</li>
 *   <li>the console: never a 5xx; an HTML page, JSON, a stylesheet or script it serves, or the events of an ended
 *       release, always with its Content-Security-Policy; and no control set on any release;</li>
 *   <li>the CLI: exit 0, or exit 1 with one line on stderr (2 only for a followed release that failed);</li>
 * </ul>
 * and nowhere a stack trace or a class name. The tries are bounded so that the suite stays within a minute;
 * jqwik reports the seed of a failure, and the next run tries it first.
 */
@PropertyDefaults(shrinking = ShrinkingMode.BOUNDED, afterFailure = net.jqwik.api.AfterFailureMode.PREVIOUS_SEED)
class HostileInputTest {

    /** What leaks an implementation: a stack frame, an exception's name, a qualified class name. */
    private static final Pattern LEAK = Pattern.compile("(?:\\tat |\\bat [a-z]+\\.[a-z]+\\.|[A-Za-z]*Exception\\b"
            + "|\\b(?:java|javax|jakarta|org|com|dev|software|tools|net)\\.[a-z][a-z0-9]*\\.[A-Za-z])");
    /** The error types Step Functions' API answers with (the AWS API reference's common and per-operation errors). */
    private static final Set<String> SFN_ERRORS = Set.of("SerializationException", "ValidationException",
            "UnknownOperationException", "InvalidArn", "InvalidName", "InvalidExecutionInput", "InvalidToken",
            "StateMachineDoesNotExist", "ExecutionDoesNotExist", "ExecutionAlreadyExists");
    /** The error types Lambda's Invoke API answers with (the AWS API reference's common and Invoke errors). */
    private static final Set<String> LAMBDA_ERRORS = Set.of("ResourceNotFoundException", "InvalidRequestContentException",
            "InvalidParameterValueException", "RequestTooLargeException", "UnknownOperationException");
    /** The AWS error types that end in "Exception" are names of the API, not of its implementation. */
    private static final Pattern AWS_ERROR_NAMES = Pattern.compile(
            "\\b(?:SerializationException|ValidationException|UnknownOperationException)\\b");
    private static final List<String> NASTY = List.of("%", "%zz", "%0", "%00", "%2F", "%2f", "%5C", "%2e%2e", "..",
            "../", "//", "%C0%AF", "%FF", "%E2%80%AE", ";jsessionid=1", "\\", "'", "\"", "<script>alert(1)</script>",
            "]]>", "&#0;", "\u0000", "\u0007", "\u001b[31m", "\u00a0", "\u200b", "\ufeff", "\u202e", "\ud800",
            "\ud83d\ude00", "\u00e9", "+", "&", "=", "#", "?", "*", "{", "}", "|", "^", "`", "actuator", "env",
            "heapdump", "error", "AAD__w", "ab", "$2a$04$", "null", "-1", "0", "99999999999999999999", "1e309",
            "true", "{}", "[]", "author", "data:text/html,hi", "javascript:alert(1)");

    private static final tools.jackson.dataformat.cbor.CBORMapper CBOR =
            tools.jackson.dataformat.cbor.CBORMapper.builder().build();

    private static Greenlight greenlight;
    private static Author author;
    private static String liveTag;
    private static int releasesBefore;
    /** The post the authoring property saved last, which its next try may edit instead of creating one. */
    private static String lastPost;

    /** An author's sign-in on the blog: its cookies and a CSRF token for its forms. */
    private record Author(String cookies, String csrf) {
    }

    @BeforeContainer
    static void up() throws Exception {
        greenlight = Greenlight.upInTempDir("hostile", Map.of());
        liveTag = greenlight.history().get(0).tag();
        releasesBefore = greenlight.history().size();
        author = signIn(greenlight.authorPassword());
    }

    @AfterContainer
    static void down() {
        if (greenlight != null) {
            greenlight.close();
        }
    }

    // --- the blog, through the local ALB -------------------------------------------------------------------------

    @Property(tries = 800)
    void theBlog_answersEveryRequestWithAPageItPromises(@ForAll("methods") String method,
            @ForAll("targets") String target, @ForAll boolean rawTarget, @ForAll("headers") List<String> headers,
            @ForAll("forms") String form) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " ").getBytes(StandardCharsets.UTF_8));
        head.writeBytes(requestTarget(target, rawTarget));
        head.writeBytes(" HTTP/1.1".getBytes(StandardCharsets.US_ASCII));
        headers.forEach(h -> head.writeBytes(("\r\n" + h).getBytes(StandardCharsets.UTF_8)));
        RawHttp.Response answer = RawHttp.exchange(greenlight.port, head.toByteArray(), form.getBytes(StandardCharsets.UTF_8));

        assertBlogPage(head.toString(StandardCharsets.UTF_8) + "\n\n" + form, target, method, answer);
    }

    @Property(tries = 50)
    void whateverAnAuthorSaves_everyPageStillRenders(@ForAll("postText") String title,
            @ForAll("postText") String content, @ForAll boolean edit) throws Exception {
        String path = edit && lastPost != null ? "/posts/" + lastPost + "/edit" : "/posts";
        String form = "_csrf=" + encode(author.csrf()) + "&title=" + encode(title) + "&content=" + encode(content);
        RawHttp.Response saved = RawHttp.exchange(greenlight.port, "POST " + path + " HTTP/1.1\r\nCookie: "
                + author.cookies() + "\r\nContent-Type: application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));

        assertThat(saved.status()).as("saving %s", form).isIn(200, 302, 400);
        assertNoLeak(form, saved.text());
        if (saved.status() == 302) {
            String location = saved.header("location").orElseThrow();
            Matcher id = Pattern.compile("/posts/([^/?]+)").matcher(location);
            assertThat(id.find()).as(location).isTrue();
            lastPost = id.group(1);
            RawHttp.Response post = get("/posts/" + lastPost, author.cookies());
            assertThat(post.status()).as("the saved post, from %s", form).isEqualTo(200);
            assertThat(post.mediaType()).isEqualTo("text/html");
        } else {
            assertThat(saved.mediaType()).isEqualTo("text/html");
            assertThat(saved.text()).as("the form says what to fix").contains("field-error");
        }
        assertReadersCanRenderEverything(form);
    }

    // --- the local Step Functions API ----------------------------------------------------------------------------

    @Property(tries = 600)
    void stepFunctionsApi_answersAResultOrAnAwsError(@ForAll("sfnTargets") String target,
            @ForAll("sfnBodies") byte[] body, @ForAll boolean wrongPath) throws Exception {
        int port = URI.create(greenlight.cloud().get("sfnEndpoint").asString()).getPort();
        String head = "POST " + (wrongPath ? "/x" : "/") + " HTTP/1.1\r\nContent-Type: application/x-amz-json-1.0"
                + (target.isEmpty() ? "" : "\r\nX-Amz-Target: " + target);
        RawHttp.Response answer = RawHttp.exchange(port, head, body);
        String what = head + "\n" + new String(body, StandardCharsets.UTF_8);

        assertThat(answer.status()).as(what).isIn(200, 400);
        assertThat(answer.mediaType()).as(what).isEqualTo("application/x-amz-json-1.0");
        JsonNode json = Json.parse(answer.text());
        assertThat(json.isObject()).as(what).isTrue();
        if (answer.status() == 400) {
            assertThat(json.path("__type").asString()).as(what).isIn(SFN_ERRORS);
            assertThat(json.path("message").isString()).as(what).isTrue();
        }
        assertNoLeak(what, answer.text());
    }

    // --- the local CloudWatch API ------------------------------------------------------------------------------

    @Property(tries = 300)
    void cloudWatchApi_answersAResultOrACloudWatchError(@ForAll("cloudWatchOperations") String operation,
            @ForAll("cloudWatchBodies") byte[] body) throws Exception {
        int port = URI.create(greenlight.cloud().get("cloudwatchEndpoint").asString()).getPort();
        String head = "POST " + operation + " HTTP/1.1\r\nContent-Type: application/cbor\r\nsmithy-protocol: rpc-v2-cbor";
        RawHttp.Response answer = RawHttp.exchange(port, head, body);
        String what = head + "\n" + java.util.HexFormat.of().formatHex(body);

        assertThat(answer.status()).as(what).isIn(200, 400, 404);
        assertThat(answer.mediaType()).as(what).isEqualTo("application/cbor");
        JsonNode json = CBOR.readTree(answer.body());
        assertThat(json.isObject()).as(what).isTrue();
        if (answer.status() >= 400) {
            assertThat(json.path("__type").asString()).as(what).startsWith("com.amazonaws.cloudwatch#");
            assertThat(json.path("message").isString()).as(what).isTrue();
            assertNoLeak(what, json.path("message").asString());
        } else {
            assertThat(json.path("MetricDataResults").isArray()).as(what).isTrue();
        }
    }

    // --- the local Lambda Invoke API ------------------------------------------------------------------------------

    @Property(tries = 200)
    void lambdaInvokeApi_answersAnInvocationOrALambdaError(@ForAll("lambdaRequests") Tuple.Tuple3<String, String, byte[]> request)
            throws Exception {
        int port = URI.create(greenlight.cloud().get("lambdaEndpoint").asString()).getPort();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((request.get1() + " ").getBytes(StandardCharsets.UTF_8));
        head.writeBytes(requestTarget(request.get2(), false));
        head.writeBytes(" HTTP/1.1\r\nContent-Type: application/json".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response answer = RawHttp.exchange(port, head.toByteArray(), request.get3());
        String what = head.toString(StandardCharsets.UTF_8) + "\n" + new String(request.get3(), StandardCharsets.UTF_8)
                + "\n-> " + answer.status() + " " + answer.text();

        Statistics.collect(answer.status(), answer.header("x-amz-function-error").isPresent() ? "refused" : "");
        assertThat(answer.status()).as(what).isIn(200, 400, 404, 413);
        assertThat(answer.mediaType()).as(what).isEqualTo("application/json");
        JsonNode json = Json.parse(answer.text());
        assertThat(json.isObject()).as(what).isTrue();
        if (answer.status() >= 400) {
            assertThat(answer.header("x-amzn-errortype")).as(what).hasValueSatisfying(type -> assertThat(type)
                    .isIn(LAMBDA_ERRORS));
            assertThat(json.path("message").asString()).as(what).isNotBlank();
            assertNoLeak(what, json.path("message").asString());
        } else if (answer.header("x-amz-function-error").isPresent()) {
            // what the function refused, as a Java Lambda names it: its exception's class, and a message for people
            assertThat(json.path("errorType").asString()).as(what).isEqualTo(InvalidPlanException.class.getName());
            assertThat(json.path("errorMessage").asString()).as(what).isNotBlank();
            assertNoLeak(what, json.path("errorMessage").asString());
        } else {
            assertThat(json.path("plan").path("steps").isArray()).as(what).isTrue();
        }
    }

    // --- the control API -----------------------------------------------------------------------------------------

    @Property(tries = 400)
    void controlApi_answersJson_andPushesNothingItShouldNot(@ForAll("controlRequests") Tuple.Tuple3<String, String, byte[]> request)
            throws Exception {
        int port = URI.create(greenlight.cloud().get("controlEndpoint").asString()).getPort();
        String head = request.get1() + " " + request.get2() + " HTTP/1.1\r\nContent-Type: application/json";
        RawHttp.Response answer = RawHttp.exchange(port, head, request.get3());
        String what = head + "\n" + new String(request.get3(), StandardCharsets.UTF_8);

        assertThat(answer.status()).as(what).isLessThan(500).isNotEqualTo(201);
        assertThat(answer.mediaType()).as(what).isEqualTo("application/json");
        JsonNode json = Json.parse(answer.text());
        if (answer.status() >= 400) {
            assertThat(json.path("message").asString()).as(what).isNotBlank();
        } else if (request.get2().equals("/events")) {
            assertThat(json.path("executions")).as("no release started by %s", what).isEmpty();
        }
        assertNoLeak(what, answer.text());
    }

    // --- the operator console ------------------------------------------------------------------------------------

    @Property(tries = 300)
    void theConsole_answersEveryRequestWithAPageOrJson_andChangesNothing(@ForAll("methods") String method,
            @ForAll("consoleTargets") String target, @ForAll boolean rawTarget, @ForAll boolean signedIn,
            @ForAll("consoleForms") String form) throws Exception {
        String console = greenlight.consoleUrl();
        URI address = URI.create(console);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " ").getBytes(StandardCharsets.UTF_8));
        head.writeBytes(requestTarget(target, rawTarget));
        head.writeBytes(" HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded".getBytes(StandardCharsets.US_ASCII));
        if (signedIn) {
            head.writeBytes(("\r\nCookie: greenlight_console_" + address.getPort() + "="
                    + address.getQuery().substring("token=".length())).getBytes(StandardCharsets.US_ASCII));
        }
        RawHttp.Response answer = RawHttp.exchange(address.getPort(), head.toByteArray(),
                form.getBytes(StandardCharsets.UTF_8));
        String what = head.toString(StandardCharsets.UTF_8) + "\n\n" + form + "\n-> " + answer.status();

        assertThat(answer.status()).as(what).isLessThan(500);
        assertNoLeak(what, answer.text());
        if (answer.status() == 400 && answer.body().length == 0) {
            // a request target that is no URI at all (a stray %) is refused by the HTTP server, before the console
            return;
        }
        if (!method.equals("HEAD") && answer.status() != 303) {
            assertThat(answer.mediaType()).as(what).isIn("text/html", "application/json", "text/event-stream",
                    "text/javascript", "text/css");
        }
        assertThat(answer.header("content-security-policy")).as(what).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "script-src 'self'"));
        assertNoLeak(what, answer.text());
        assertThat(greenlight.history()).as("no control set by %s", what).hasSize(releasesBefore)
                .allSatisfy(release -> assertThat(release.controls()).isEmpty());
    }

    // --- the CLI -------------------------------------------------------------------------------------------------

    @Property(tries = 200)
    void cli_succeeds_orSaysWhatToFixInOneLine(@ForAll("cliArgs") List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GreenlightCli.run(args.toArray(String[]::new), cliEnvironment(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String what = "greenlight " + String.join(" ", args) + " -> " + exit + "\n" + stdout + stderr;

        assertThat(exit).as(what).isIn(GreenlightCli.OK, GreenlightCli.INVALID, GreenlightCli.RELEASE_FAILED);
        if (exit == GreenlightCli.OK) {
            assertThat(stderr).as(what).isEmpty();
        } else if (exit == GreenlightCli.INVALID) {
            assertThat(stderr).as(what).startsWith("greenlight: ").endsWith(System.lineSeparator());
            assertThat(stderr.strip().lines()).as(what).hasSize(1);
        } else {
            assertThat(args.get(0)).as(what).isEqualTo("watch");
        }
        assertNoLeak(what, stdout + stderr);
        assertThat(greenlight.history()).as("no release started by %s", what).hasSize(releasesBefore);
    }

    // --- generators ----------------------------------------------------------------------------------------------

    /** Short strings that break parsers: escapes, controls, invisible and unpaired characters, huge runs. */
    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMaxLength(8)),
                        Tuple.of(4, Arbitraries.of(NASTY)),
                        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(6)),
                        Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(3)),
                        Tuple.of(1, Arbitraries.integers().between(1_000, 9_000).map("x"::repeat)))
                .list().ofMaxSize(4).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("GET")), Tuple.of(4, Arbitraries.just("POST")),
                Tuple.of(3, Arbitraries.of("HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "FOO",
                        "G\u00c9T", "CONNECT")));
    }

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> segment = hostile();
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/posts/new", "/posts", "/feed.atom", "/signin", "/signout", "/error", "/actuator",
                        "/actuator/health", "/actuator/health/readiness", "/actuator/info", "/css/blog.css",
                        "/%61ctuator/env", "/posts/%2e%2e/actuator"),
                segment.map(s -> "/posts/" + s),
                segment.map(s -> "/posts/" + s + "/edit"),
                segment.map(s -> "/posts/" + s + "/delete"),
                segment.map(s -> "/actuator/" + s),
                segment.map(s -> "/css/" + s),
                segment.map(s -> "/" + s));
        Arbitrary<String> query = Combinators.combine(
                        Arbitraries.of("cursor", "page", "wait", "error", "q", "continue", "_csrf", "signedout", "created"),
                        hostile())
                .as((name, value) -> name + "=" + value).list().ofMaxSize(3)
                .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        return Combinators.combine(path, query).as(String::concat);
    }

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> value = hostile().map(v -> v.replace('\r', ' ').replace('\n', ' '));
        Arbitrary<String> cookie = Combinators.combine(Arbitraries.of("GL_SESSION", "XSRF-TOKEN", "REDIRECT_URI", "JSESSIONID"),
                value).as((name, v) -> name + "=" + v).list().ofMinSize(1).ofMaxSize(3)
                .map(cookies -> "Cookie: " + String.join("; ", cookies));
        return Arbitraries.oneOf(cookie,
                        value.map(v -> "X-Forwarded-Host: " + v),
                        value.map(v -> "X-Forwarded-For: " + v),
                        Arbitraries.of("X-Forwarded-Proto: https", "X-Forwarded-Proto: gopher"),
                        Arbitraries.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                "application/json", "text/plain; charset=nope").map(t -> "Content-Type: " + t),
                        value.map(v -> "Content-Type: " + v),
                        Arbitraries.of("text/html", "application/json", "*/*", "application/atom+xml;q=0")
                                .map(a -> "Accept: " + a),
                        value.map(v -> "Accept: " + v),
                        Arbitraries.of("Range: bytes=-1", "Range: bytes=9-1", "Expect: 100-continue", "Transfer-Encoding: gzip"))
                .list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> consoleTargets() {
        Arbitrary<String> segment = hostile();
        Arbitrary<String> release = Arbitraries.oneOf(Arbitraries.just(greenlight.history().get(0).releaseId()), segment);
        // not the list's /events, which streams for as long as it is read
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/calls", "/static/console.js", "/static/uPlot.min.css", "/releases", "/releases/",
                        "/static/", "/static/%2e%2e/console/templates/release.html", "/favicon.ico"),
                Combinators.combine(release, Arbitraries.of("", "/states", "/controls", "/events", "/x"))
                        .as((id, part) -> "/releases/" + id + part),
                segment.map(s -> "/" + s), segment.map(s -> "/static/" + s));
        Arbitrary<String> query = Combinators.combine(Arbitraries.of("name", "token", "action", "csrf"), hostile())
                .as((name, value) -> name + "=" + value).list().ofMaxSize(2)
                .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        return Combinators.combine(path, query).as(String::concat).filter(t -> !t.equals("/events")
                && !t.startsWith("/events?"));
    }

    @Provide
    Arbitrary<String> consoleForms() {
        Arbitrary<String> field = Combinators.combine(Arbitraries.of("action", "csrf", "x"),
                        Arbitraries.oneOf(Arbitraries.of("pause", "abort", "promote", "resume"), hostile()),
                        Arbitraries.of(true, false))
                .as((name, value, encoded) -> name + "=" + (encoded ? encode(value) : value));
        return field.list().ofMaxSize(3).map(fields -> String.join("&", fields));
    }

    @Provide
    Arbitrary<String> forms() {
        Arbitrary<String> field = Combinators.combine(
                        Arbitraries.of("title", "content", "_csrf", "username", "password", "_method", "x"),
                        hostile(), Arbitraries.of(true, false))
                .as((name, value, encoded) -> name + "=" + (encoded ? encode(value) : value));
        return field.list().ofMaxSize(4).map(fields -> String.join("&", fields));
    }

    @Provide
    Arbitrary<String> postText() {
        return Arbitraries.oneOf(
                hostile(),
                Arbitraries.strings().all().ofMaxLength(120),
                Arbitraries.strings().ascii().ofMinLength(195).ofMaxLength(205),
                Arbitraries.of("[x](data:text/html,hi)", "![i](javascript:alert(1))", "<b>raw</b>", "# h\n\n```\ncode",
                        "\u00a0\u200b\ufeff", "\u0000", "a\u0008b", "]]><x/>", "&amp;&#0;&#xD800;", "\ud800x"));
    }

    @Provide
    Arbitrary<String> sfnTargets() {
        return Arbitraries.oneOf(
                Arbitraries.of("StartExecution", "DescribeExecution", "ListExecutions", "GetExecutionHistory",
                        "StopExecution", "DescribeStateMachine", "CreateStateMachine").map("AWSStepFunctions."::concat),
                hostile().map(h -> "AWSStepFunctions." + h.replace('\r', ' ').replace('\n', ' ')),
                Arbitraries.of("", "AmazonStates.StartExecution", "AWSStepFunctions"));
    }

    @Provide
    Arbitrary<byte[]> sfnBodies() {
        String machine = greenlight.cloud().get("stateMachineArn").asString();
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                hostile().map(Json.MAPPER::valueToTree),
                Arbitraries.of(machine + "-nope", machine.replace(":stateMachine:", ":execution:") + ":x",
                        "arn:aws:states:us-east-1:123456789012:execution:nope:1", "arn:aws:states", "arn:")
                        .map(Json.MAPPER::valueToTree),
                Arbitraries.integers().map(Json.MAPPER::valueToTree),
                Arbitraries.of("1e400", "-0", "9223372036854775808", "1.5", "true", "null", "{}", "[]", "[1,{}]",
                        "{\"a\":{\"b\":[]}}").map(Json::parse));
        Arbitrary<JsonNode> request = Combinators.combine(
                        Arbitraries.of("stateMachineArn", "executionArn", "name", "input", "maxResults", "nextToken",
                                "reverseOrder", "statusFilter", "includeExecutionData", "error", "cause", "traceHeader"),
                        value).as(Tuple::of).list().ofMaxSize(5)
                .map(members -> {
                    ObjectNode object = Json.object();
                    members.forEach(m -> object.set(m.get1(), m.get2()));
                    return object;
                });
        return Arbitraries.oneOf(
                request.map(r -> Json.write(r).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("", "{", "[]", "\"x\"", "null", "{\"executionArn\":", "{}}").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<String, String, byte[]>> lambdaRequests() {
        String account = greenlight.cloud().get("stateMachineArn").asString().split(":")[4];
        Arbitrary<String> function = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("PlanInputs")),
                Tuple.of(2, Arbitraries.of("arn:aws:lambda:us-east-1:" + account + ":function:PlanInputs",
                        account + ":function:PlanInputs", "PlanInputs:live", "PlanInputs:$LATEST", "planInputs",
                        "Prepare", "ShiftTraffic", "arn:aws:lambda", "a:b:c:d", "")),
                Tuple.of(2, hostile()));
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(8, function.map(f -> "/2015-03-31/functions/" + f + "/invocations")),
                Tuple.of(1, Arbitraries.of("/", "/2015-03-31/functions/PlanInputs", "/2015-03-31/functions//invocations",
                        "/2015-03-31/functions/PlanInputs/invocations/x")));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                hostile().map(Json.MAPPER::valueToTree),
                Arbitraries.of(-1, 0, 59, 60, 3600, 86_400, 86_401, Integer.MAX_VALUE).map(Json.MAPPER::valueToTree),
                Arbitraries.of("1e400", "-0", "9223372036854775808", "1.5", "true", "null", "{}", "[]", "[1,{}]",
                        "[10,50,100]", "[100]", "[0]", "[50,10]", "{\"steps\":[10,100]}", "{\"bakeSeconds\":5}",
                        "{\"confidence\":2}", "{\"nope\":1}", "\"EXTEND\"", "\"ROLLBACK\"", "\"x\"").map(Json::parse));
        Arbitrary<JsonNode> plan = Combinators.combine(
                        Arbitraries.of("steps", "bakeSeconds", "healthTimeoutSeconds", "healthPollSeconds",
                                "terminationWaitSeconds", "gate", "inconclusivePolicy", "maxExtensionSeconds",
                                "pauseTimeoutAction", "nope"),
                        value).as(Tuple::of).list().ofMaxSize(3)
                .map(members -> {
                    ObjectNode object = Json.object();
                    members.forEach(m -> object.set(m.get1(), m.get2()));
                    return object;
                });
        Arbitrary<JsonNode> payload = Combinators.combine(Arbitraries.oneOf(plan, value), value,
                        Arbitraries.of("plan", "windowSeconds", "both", "other"))
                .as((p, window, which) -> {
                    ObjectNode object = Json.object();
                    switch (which) {
                        case "plan" -> object.set("plan", p);
                        case "windowSeconds" -> object.set("windowSeconds", window);
                        case "both" -> object.set("plan", p).set("windowSeconds", window);
                        default -> object.set("releaseId", window);
                    }
                    return object;
                });
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                payload.map(p -> Json.write(p).getBytes(StandardCharsets.UTF_8)),
                value.map(v -> Json.write(v).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("", "{", "\"x\"", "{\"plan\":", "{}}").map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE")));
        return Combinators.combine(method, path, body).as(Tuple::of);
    }

    @Provide
    Arbitrary<String> cloudWatchOperations() {
        String prefix = "/service/GraniteServiceVersion20100801/operation/";
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(prefix + "GetMetricData")),
                Tuple.of(1, Arbitraries.of(prefix + "PutMetricData", prefix, "/", "/service/x/operation/GetMetricData")),
                Tuple.of(1, hostile().map(h -> prefix + encode(h))));
    }

    @Provide
    Arbitrary<byte[]> cloudWatchBodies() {
        // CBOR text is UTF-8, which has no lone surrogates; the raw bytes below send malformed text too
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                hostile().map(h -> new String(h.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .map(Json.MAPPER::valueToTree),
                Arbitraries.of("AWS/ApplicationELB", "RequestCount", "TargetResponseTime", "Sum", "p50", "PR(:0.1)",
                        "p101", "TimestampAscending", "q1", "x", "").map(Json.MAPPER::valueToTree),
                Arbitraries.of(0, 1, 5, 60, 61, -1, 1_000_000, Integer.MAX_VALUE).map(Json.MAPPER::valueToTree),
                Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L).map(Json.MAPPER::valueToTree),
                Arbitraries.of("1e400", "-0", "1.5", "true", "null", "{}", "[]", "[1,{}]").map(Json::parse));
        Arbitrary<JsonNode> metric = Combinators.combine(scalar, scalar, scalar, scalar).as((ns, name, d, v) ->
                Json.parse("{\"Namespace\": " + Json.write(ns) + ", \"MetricName\": " + Json.write(name)
                        + ", \"Dimensions\": [{\"Name\": " + Json.write(d) + ", \"Value\": " + Json.write(v) + "}]}"));
        Arbitrary<JsonNode> query = Combinators.combine(scalar, metric, scalar, scalar, Arbitraries.of(true, false))
                .as((id, m, period, stat, withStat) -> {
                    ObjectNode q = Json.object();
                    q.set("Id", id);
                    if (withStat) {
                        ObjectNode metricStat = q.putObject("MetricStat");
                        metricStat.set("Metric", m);
                        metricStat.set("Period", period);
                        metricStat.set("Stat", stat);
                    } else {
                        q.set("Expression", stat);
                    }
                    return (JsonNode) q;
                });
        Arbitrary<JsonNode> request = Combinators.combine(scalar, scalar, query.list().ofMaxSize(3),
                Arbitraries.of("MaxDatapoints", "ScanBy", "NextToken", "LabelOptions"), scalar)
                .as((start, end, queries, extra, value) -> {
                    ObjectNode r = Json.object();
                    r.set("StartTime", start);
                    r.set("EndTime", end);
                    queries.forEach(r.putArray("MetricDataQueries")::add);
                    r.set(extra, value);
                    return (JsonNode) r;
                });
        return Arbitraries.oneOf(
                request.map(CBOR::writeValueAsBytes),
                scalar.map(CBOR::writeValueAsBytes),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<String, String, byte[]>> controlRequests() {
        String jar = Greenlight.BLOG_JAR.toString();
        Arbitrary<JsonNode> anything = Arbitraries.oneOf(hostile().map(Json.MAPPER::valueToTree),
                Arbitraries.of("1", "true", "null", "{}", "[]", "{\"a\":1}", "[\"x\"]").map(Json::parse));
        Arbitrary<JsonNode> plan = Combinators.combine(
                        Arbitraries.of("steps", "bakeSeconds", "terminationWaitSeconds", "healthTimeoutSeconds",
                                "maxExtensionSeconds", "inconclusivePolicy", "pauseTimeoutAction", "gate", "nope"),
                        Arbitraries.oneOf(anything, Arbitraries.of("[10,50,100]", "[0]", "[101]", "[-5]", "5", "0",
                                "-1", "86401", "\"PROCEED\"", "\"ROLLBACK\"", "{\"confidence\": 2}",
                                "{\"objective\": 0.5}", "{\"latencyQuantiles\": [2]}").map(Json::parse)))
                .as(Tuple::of).list().ofMaxSize(3).map(fields -> {
                    ObjectNode object = Json.object();
                    fields.forEach(f -> object.set(f.get1(), f.get2()));
                    return object;
                });
        // a real jar is only ever paired with the live tag, which exists: such a push is at most refused (409)
        Arbitrary<ObjectNode> image = Combinators.combine(
                Arbitraries.oneOf(anything, Arbitraries.just(Json.MAPPER.valueToTree(liveTag))),
                Arbitraries.oneOf(anything, Arbitraries.of("/nonexistent/blog.jar", "/", "relative.jar", jar + "\u0000")
                        .map(Json.MAPPER::valueToTree)),
                Arbitraries.oneOf(anything, Combinators.combine(hostile(), anything).as((k, v) -> {
                    ObjectNode env = Json.object();
                    env.set(k, v);
                    return (JsonNode) env;
                })),
                Arbitraries.oneOf(anything, plan),
                Arbitraries.of(true, false)).as((tag, jarPath, env, planNode, realJar) -> {
                    ObjectNode body = Json.object();
                    body.set("tag", tag);
                    body.set("jar", realJar && tag.isString() && tag.asString().equals(liveTag)
                            ? Json.MAPPER.valueToTree(jar) : jarPath);
                    body.set("env", env);
                    body.set("plan", planNode);
                    return body;
                });
        Arbitrary<ObjectNode> event = Combinators.combine(hostile(), anything).as((source, detail) -> {
            ObjectNode body = Json.object();
            body.put("source", "x." + source);
            body.put("detail-type", "ECR Image Action");
            body.set("detail", detail);
            return body;
        });
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                image.map(b -> Json.write(b).getBytes(StandardCharsets.UTF_8)),
                event.map(b -> Json.write(b).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("", "{", "[]", "null", "\"x\"").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        Arbitrary<String> path = Arbitraries.oneOf(Arbitraries.of("/images", "/images", "/events", "/health"),
                hostile().map(h -> "/" + URLEncoder.encode(h, StandardCharsets.UTF_8)));
        return Combinators.combine(Arbitraries.of("POST", "POST", "GET", "PUT", "DELETE"), path, bytes).as(Tuple::of);
    }

    @Provide
    Arbitrary<List<String>> cliArgs() {
        Arbitrary<String> value = Arbitraries.oneOf(hostile(),
                Arbitraries.of("10,50,100", "100", "0", "100,50", "a,b", ",", "1", "-1", "86401", "5", "x", "{}",
                        "{\"gate\":{\"confidence\":0.95}}", "{\"terminationWaitSeconds\":0}", "[]", "A=b", "=x", "1A=b",
                        "A=", Greenlight.BLOG_JAR.toString(), "/nonexistent.jar", "/", "release-1", "60", "1e6",
                        "NaN", "Infinity", "0.5", "600"));
        Arbitrary<List<String>> flag = Combinators.combine(
                Arbitraries.of("--aws", "--once", "--watch", "--release", "--limit", "--jar", "--env", "--steps",
                        "--bake", "--plan", "-x", "--", "--tag", "--help", "-h", "--version", "--port", "--rate",
                        "--window", "--json"),
                value, Arbitraries.of(0, 1, 2)).as((name, v, form) -> switch (form) {
                    case 0 -> List.of(name);
                    case 1 -> List.of(name, v);
                    default -> List.of(name + "=" + v);
                });
        Arbitrary<String> command = Arbitraries.oneOf(
                Arbitraries.of("status", "watch", "history", "pause", "resume", "promote", "abort", "push", "push",
                        "plan", "plan", "help", "completion", "up", "down", "--version", "--help"),
                hostile());
        return Combinators.combine(command, flag.list().ofMaxSize(4), Arbitraries.of(true, false))
                .as((name, flags, live) -> {
                    List<String> args = new ArrayList<>(List.of(name));
                    List<List<String>> given = new ArrayList<>(flags);
                    if (name.equals("push")) {
                        // a push may fail in any way but must not publish: it names the live tag, which exists
                        // (409), or one no image may have (starting with '-')
                        given.removeIf(f -> f.get(0).startsWith("--tag"));
                        given.add(List.of("--tag", live ? liveTag : "-" + liveTag));
                    }
                    given.forEach(args::addAll);
                    return args;
                });
    }

    // --- checks --------------------------------------------------------------------------------------------------

    private static void assertBlogPage(String request, String target, String method, RawHttp.Response answer)
            throws Exception {
        String what = request + "\n-> " + answer.status() + " " + answer.mediaType();
        assertThat(answer.status()).as(what).isLessThan(500);
        assertNoLeak(what, answer.text());
        if (answer.body().length == 0) {
            return;
        }
        String path = target.split("\\?", 2)[0];
        String type = answer.mediaType();
        boolean success = answer.status() / 100 == 2;
        if (answer.status() == 200 && path.equals("/feed.atom") && method.equalsIgnoreCase("GET")) {
            assertThat(type).as(what).isEqualTo("application/atom+xml");
            assertWellFormedXml(what, answer.body());
        } else if (success && path.equals("/feed.atom")) {
            assertThat(type).as(what).isEqualTo("application/atom+xml");
        } else if (success && path.startsWith("/actuator/")) {
            assertThat(type).as(what).isIn("application/vnd.spring-boot.actuator.v3+json", "application/json");
        } else if (success && path.startsWith("/css/")) {
            assertThat(type).as(what).isEqualTo("text/css");
        } else {
            assertThat(type).as(what).isEqualTo("text/html");
        }
    }

    private static void assertReadersCanRenderEverything(String after) throws Exception {
        RawHttp.Response home = get("/", null);
        assertThat(home.status()).as("the home page after %s", after).isEqualTo(200);
        assertThat(home.mediaType()).isEqualTo("text/html");
        RawHttp.Response feed = get("/feed.atom", null);
        assertThat(feed.status()).as("the feed after %s", after).isEqualTo(200);
        assertWellFormedXml("the feed after " + after, feed.body());
        Matcher posts = Pattern.compile("href=\"/posts/([^\"/?]+)\"").matcher(home.text());
        while (posts.find()) {
            RawHttp.Response post = get("/posts/" + posts.group(1), null);
            assertThat(post.status()).as("post %s after %s", posts.group(1), after).isEqualTo(200);
        }
    }

    private static void assertWellFormedXml(String what, byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try {
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(what + ": not well-formed XML: " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8));
        }
    }

    private static void assertNoLeak(String what, String answer) {
        String body = AWS_ERROR_NAMES.matcher(answer).replaceAll("");
        Matcher leak = LEAK.matcher(body);
        assertThat(leak.find() ? body.substring(Math.max(0, leak.start() - 80), Math.min(body.length(), leak.end() + 80))
                : null).as("a stack trace or class name in the answer to %s", what).isNull();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The request target as sent: CR and LF always escaped; everything else raw, or percent-encoded if not safe. */
    private static byte[] requestTarget(String target, boolean raw) {
        StringBuilder out = new StringBuilder();
        target.codePoints().forEach(c -> {
            boolean safe = c < 128 && (Character.isLetterOrDigit(c) || "-._~/?=&%+;:@!$'()*,".indexOf(c) >= 0);
            if (c == '\r' || c == '\n' || (!raw && !safe)) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static RawHttp.Response get(String path, String cookies) throws Exception {
        return RawHttp.exchange(greenlight.port, "GET " + path + " HTTP/1.1" + (cookies == null ? "" : "\r\nCookie: " + cookies),
                new byte[0]);
    }

    private static Map<String, String> cliEnvironment() {
        JsonNode cloud = greenlight.cloud();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREENLIGHT_STATE", greenlight.state.toString());
        env.put("GREENLIGHT_ROOT", Greenlight.ROOT.toString());
        env.put("GREENLIGHT_STATE_MACHINE_ARN", cloud.get("stateMachineArn").asString());
        env.put("AWS_REGION", cloud.get("region").asString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_SFN", cloud.get("sfnEndpoint").asString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", cloud.get("dynamodbEndpoint").asString());
        return env;
    }

    /** Signs in as the local author through the ALB, as a browser would, and reads a form's CSRF token. */
    private static Author signIn(String password) throws Exception {
        RawHttp.Response form = get("/signin", null);
        String cookies = cookies(form, "");
        String body = "username=author&password=" + encode(password) + "&_csrf=" + encode(csrf(form));
        RawHttp.Response signedIn = RawHttp.exchange(greenlight.port, "POST /signin HTTP/1.1\r\nCookie: " + cookies
                + "\r\nContent-Type: application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        cookies = cookies(signedIn, cookies);
        RawHttp.Response newPost = get("/posts/new", cookies);
        assertThat(newPost.status()).isEqualTo(200);
        return new Author(cookies(newPost, cookies), csrf(newPost));
    }

    private static String csrf(RawHttp.Response page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.text());
        assertThat(token.find()).as("a CSRF field in %s", page.text()).isTrue();
        return token.group(1);
    }

    /** The cookies a browser would send after this answer: the ones it had, updated by its Set-Cookie headers. */
    private static String cookies(RawHttp.Response answer, String had) {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String pair : had.split("; ")) {
            if (pair.contains("=")) {
                jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        for (String set : answer.cookies()) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty()) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        StringBuilder header = new StringBuilder();
        jar.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

}
