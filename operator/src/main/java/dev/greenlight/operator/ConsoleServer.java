package dev.greenlight.operator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.greenlight.release.Control;
import dev.greenlight.release.store.ReleaseNotRunningException;
import dev.greenlight.release.store.ReleaseRecord;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console: releases and one release's workflow, traffic, gate and timeline as web pages on loopback,
 * updated live by server-sent events, with the controls as forms. Every page needs the token the console printed
 * when it started (a URL with {@code ?token=} sets it as an HttpOnly, SameSite=Strict cookie); a control also needs
 * the page's CSRF token. Requests whose Host is not the console's loopback address are refused, so a page of
 * another site cannot reach it through DNS rebinding.
 */
final class ConsoleServer implements AutoCloseable {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'";
    /** Pages following a release live at once; each holds one of the server's threads. */
    static final int MAX_STREAMS = 32;
    private static final Pattern RELEASE = Pattern.compile("/releases/([A-Za-z0-9._-]{1,200})(/events|/states|/controls)?");
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final int MAX_FORM = 4096;
    private static final Map<String, String[]> STATIC = Map.of(
            "/static/console.js", new String[] {"console/static/console.js", "text/javascript"},
            "/static/console.css", new String[] {"console/static/console.css", "text/css"},
            "/static/uPlot.iife.min.js", new String[] {"META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                    "text/javascript"},
            "/static/uPlot.min.css", new String[] {"META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css",
                    "text/css"});
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Cloud cloud;
    private final Options options;
    private final AwsCalls calls;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService polls;
    private final TemplateEngine templates;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final Map<String, Feed<ReleaseSource.Watched>> releases = new ConcurrentHashMap<>();
    private final Feed<List<ReleaseRecord>> list;
    private final String csrf;
    private final String cookie;
    private volatile WorkflowGraph graph;

    /**
     * How the console runs.
     *
     * @param port     the port on 127.0.0.1; 0 for a free one
     * @param token    what a browser must present
     * @param readOnly true to show no controls and refuse them
     * @param interval how often a followed page's data is read
     * @param by       who the controls are recorded as coming from, e.g. {@code console:ann@box}
     */
    record Options(int port, String token, boolean readOnly, Duration interval, String by) {
    }

    ConsoleServer(Cloud cloud, Options options, AwsCalls calls) throws IOException {
        this.cloud = cloud;
        this.options = options;
        this.calls = calls;
        this.csrf = hmac(options.token(), "csrf");
        QueuedThreadPool threads = new QueuedThreadPool(MAX_STREAMS + 16, 2);
        threads.setName("console-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setErrorHandler(new Refusals());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ConsoleServer.this.handle(new Exchange(request, response, callback));
                return true;
            }
        });
        // bound now, so a port in use is known before the console says where it is
        connector.open();
        this.cookie = "greenlight_console_" + connector.getLocalPort();
        this.polls = Executors.newScheduledThreadPool(2, daemon("console-poll"));
        this.list = new Feed<>(new Feed.Source<>() {
            @Override
            public List<ReleaseRecord> read() {
                return cloud.recent(Cloud.RECENT);
            }

            @Override
            public boolean ended(List<ReleaseRecord> value) {
                return false;
            }
        }, options.interval(), polls);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ConsoleServer.class.getClassLoader());
        resolver.setPrefix("console/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.templates = new TemplateEngine();
        this.templates.setTemplateResolver(resolver);
    }

    /** A token of 256 random bits, URL-safe. */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the console's HTTP server did not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** The address to open: it carries the token, which the console then keeps in a cookie. */
    String url() {
        return "http://127.0.0.1:" + port() + "/?token=" + options.token();
    }

    @Override
    public void close() {
        polls.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing is left to serve
        }
    }

    private void handle(Exchange exchange) {
        try (exchange) {
            securityHeaders(exchange.response.getHeaders());
            if (!hostAllowed(exchange.header("Host"))) {
                page(exchange, 403, "error", error("Refused", "This console answers only at 127.0.0.1:" + port()
                        + " or localhost:" + port() + "."));
                return;
            }
            String path = exchange.path();
            String method = exchange.method();
            String[] asset = STATIC.get(path);
            if (asset != null) {
                if (method.equals("GET") || method.equals("HEAD")) {
                    asset(exchange, asset[0], asset[1]);
                } else {
                    notAllowed(exchange, "GET");
                }
                return;
            }
            Map<String, String> query = form(exchange.query());
            if (query.containsKey("token")) {
                login(exchange, path, query.get("token"));
                return;
            }
            if (!signedIn(exchange)) {
                page(exchange, 403, "error", error("Sign in with the console's address", "Open the address the"
                        + " console printed when it started: it carries the token this page needs. Nothing was"
                        + " changed."));
                return;
            }
            route(exchange, path, method, query);
        } catch (IOException e) {
            // the browser went away; there is no one to answer
        } catch (SdkClientException e) {
            safely(exchange, 502, error("Cannot reach " + cloud.target().name(), e.getMessage()));
        } catch (AwsServiceException e) {
            safely(exchange, 502, error(cloud.target().name() + " refused the request",
                    e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()));
        } catch (RuntimeException e) {
            System.err.println("greenlight console: " + e);
            safely(exchange, 500, error("Something went wrong", "The console could not answer this request; its"
                    + " log says why. Nothing was changed."));
        }
    }

    private void route(Exchange exchange, String path, String method, Map<String, String> query)
            throws IOException {
        if (path.equals("/calls")) {
            // what the open pages cost: the AWS calls this console made
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("lastMinute", calls.lastMinute());
            body.put("total", calls.total());
            body.put("pollSeconds", options.interval().toMillis() / 1000.0);
            json(exchange, 200, body);
            return;
        }
        if (path.equals("/") || path.equals("/events")) {
            if (!method.equals("GET")) {
                notAllowed(exchange, "GET");
            } else if (path.equals("/")) {
                page(exchange, 200, "releases", releasesModel(list.current()));
            } else {
                stream(exchange, list, this::releasesModel, "releases", List.of("releases"));
            }
            return;
        }
        Matcher release = RELEASE.matcher(path);
        if (!release.matches()) {
            page(exchange, 404, "error", error("Not found", "There is no page " + path + " here."));
            return;
        }
        String id = release.group(1);
        String part = release.group(2) == null ? "" : release.group(2);
        String allowed = part.equals("/controls") ? "POST" : "GET";
        if (!method.equals(allowed)) {
            notAllowed(exchange, allowed);
            return;
        }
        Feed<ReleaseSource.Watched> feed = feed(id);
        Feed.Snapshot<ReleaseSource.Watched> snapshot = feed.current();
        if (snapshot.value() == null || snapshot.value().record() == null) {
            if (feed.followers() == 0) {
                releases.remove(id, feed);
            }
            notFound(exchange, id, part, snapshot.error());
            return;
        }
        switch (part) {
            case "" -> page(exchange, 200, "release", releaseModel(snapshot));
            case "/events" -> stream(exchange, feed, this::releaseModel, "release",
                    List.of("status", "controls", "graph", "metrics", "traffic", "gate", "timeline"));
            case "/states" -> state(exchange, snapshot.value(), query.get("name"));
            default -> control(exchange, snapshot.value().record(), readForm(exchange));
        }
    }

    private Feed<ReleaseSource.Watched> feed(String id) {
        return releases.computeIfAbsent(id, key -> new Feed<>(new ReleaseSource(cloud, key), options.interval(),
                polls));
    }

    private void notFound(Exchange exchange, String id, String part, String error) throws IOException {
        if (error != null) {
            page(exchange, 502, "error", error("Cannot read release " + id, error));
        } else if (part.equals("/states")) {
            json(exchange, 404, Map.of("message", "there is no release " + id));
        } else {
            page(exchange, 404, "error", error("No such release", "There is no release " + id + " of "
                    + cloud.target().service() + ". The list of releases is on the first page."));
        }
    }

    /** The releases page's model. */
    private Map<String, Object> releasesModel(Feed.Snapshot<List<ReleaseRecord>> snapshot) {
        Map<String, Object> model = common(snapshot.error());
        model.put("releases", ConsoleViews.rows(snapshot.value() == null ? List.of() : snapshot.value(),
                Instant.now()));
        return model;
    }

    /** A release page's model. */
    private Map<String, Object> releaseModel(Feed.Snapshot<ReleaseSource.Watched> snapshot) {
        ReleaseSource.Watched watched = snapshot.value();
        ReleaseRecord record = watched.record();
        Map<String, Object> model = common(snapshot.error());
        model.put("release", ConsoleViews.row(record, Instant.now()));
        model.put("digest", record.digest());
        model.put("slot", record.greenSlot() == null ? "?" : record.greenSlot());
        model.put("now", ConsoleViews.now(record, watched.execution()));
        model.put("execution", watched.execution() == null ? "unknown" : watched.execution().status());
        model.put("graph", graph(watched.run()));
        List<Map<String, Object>> traffic = ConsoleViews.traffic(record);
        model.put("traffic", traffic);
        model.put("trafficJson", ConsoleViews.json(traffic));
        List<Map<String, Object>> looks = ConsoleViews.looks(record);
        model.put("looks", looks);
        model.put("looksJson", ConsoleViews.json(looks));
        model.put("latest", looks.isEmpty() ? null : looks.get(looks.size() - 1));
        List<Map<String, Object>> periods = ConsoleViews.periods(watched.metrics());
        model.put("periods", periods);
        model.put("periodsJson", ConsoleViews.json(periods));
        model.put("periodSeconds", watched.metrics() == null ? 0 : watched.metrics().periodSeconds());
        model.put("metricsNote", watched.metrics() == null ? null : watched.metrics().note());
        model.put("timeline", ConsoleViews.timeline(record));
        model.put("controls", options.readOnly() ? List.of() : ConsoleViews.controls(record));
        model.put("ended", snapshot.ended());
        model.put("eventsHref", "/releases/" + record.releaseId() + "/events");
        model.put("statesHref", "/releases/" + record.releaseId() + "/states");
        model.put("controlsHref", "/releases/" + record.releaseId() + "/controls");
        return model;
    }

    private Map<String, Object> common(String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("service", cloud.target().service());
        model.put("target", cloud.target().name());
        model.put("readOnly", options.readOnly());
        model.put("csrf", csrf);
        model.put("error", error);
        model.put("pollSeconds", Text.number(options.interval().toMillis() / 1000.0));
        model.put("callsLastMinute", calls.lastMinute());
        return model;
    }

    private String graph(WorkflowRun run) {
        try {
            WorkflowGraph layout = graph;
            if (layout == null) {
                String definition = cloud.sfn.describeStateMachine(r -> r.stateMachineArn(
                        cloud.target().stateMachineArn())).definition();
                layout = WorkflowGraph.layout(JSON.readTree(definition));
                graph = layout;
            }
            return layout.svg(run);
        } catch (RuntimeException e) {
            return "<p class=\"error\">The workflow cannot be drawn: " + WorkflowGraph.xml(String.valueOf(
                    e.getMessage())) + "</p>";
        }
    }

    /** What the model is rendered from, given a snapshot. */
    private interface Model<T> {
        Map<String, Object> of(Feed.Snapshot<T> snapshot);
    }

    /**
     * Server-sent events: an {@code update} with the page's sections rendered again each time the value changes,
     * until it has ended or the browser leaves; a comment every 15 s keeps idle connections open.
     */
    private <T> void stream(Exchange exchange, Feed<T> feed, Model<T> model, String template,
            List<String> sections) throws IOException {
        if (!streams.tryAcquire()) {
            exchange.setHeader("Retry-After", "10");
            page(exchange, 503, "error", error("Too many pages open", "This console follows at most " + MAX_STREAMS
                    + " pages at once; close some and reload."));
            return;
        }
        feed.follow();
        try {
            exchange.setHeader("Content-Type", "text/event-stream; charset=utf-8");
            exchange.setHeader("Cache-Control", "no-store");
            OutputStream out = exchange.respond(200);
            out.write(("retry: " + Math.max(1000, options.interval().toMillis()) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long shown = -1;
            while (true) {
                Feed.Snapshot<T> snapshot = feed.await(shown, KEEPALIVE);
                if (snapshot.version() == shown && !snapshot.ended()) {
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                shown = snapshot.version();
                Map<String, Object> update = new LinkedHashMap<>();
                Context context = context(model.of(snapshot));
                Map<String, String> html = new LinkedHashMap<>();
                for (String section : sections) {
                    html.put(section, templates.process(template, Set.of(section), context));
                }
                update.put("sections", html);
                update.put("ended", snapshot.ended());
                out.write(("event: update\ndata: " + JSON.writeValueAsString(update) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (snapshot.ended()) {
                    out.write("event: ended\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.leave();
            streams.release();
        }
    }

    /** A state's input and output as the execution's history has them, for a click on the graph. */
    private void state(Exchange exchange, ReleaseSource.Watched watched, String name) throws IOException {
        if (name == null || name.isBlank()) {
            json(exchange, 400, Map.of("message", "say which state: ?name=STATE"));
            return;
        }
        WorkflowRun run = watched.run();
        WorkflowRun.StateData data = run.data().get(name);
        if (data == null) {
            json(exchange, 404, Map.of("message", "the execution has not entered " + name));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("entered", run.entered().getOrDefault(name, 0));
        body.put("enteredAt", data.enteredAt() == null ? null : data.enteredAt().toString());
        body.put("input", pretty(data.input()));
        body.put("output", data.output() == null ? null : pretty(data.output()));
        json(exchange, 200, body);
    }

    private static String pretty(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = Text.json(json);
        return node == null ? json : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** Sets a control on a running release, as {@code greenlight pause} and the others do. */
    private void control(Exchange exchange, ReleaseRecord release, Map<String, String> form) throws IOException {
        if (options.readOnly()) {
            page(exchange, 403, "error", error("Read-only console", "This console was started with --read-only;"
                    + " it shows releases but does not steer them. Nothing was changed."));
            return;
        }
        if (!sameOrigin(exchange) || !equal(form.get("csrf"), csrf)) {
            page(exchange, 403, "error", error("Refused", "The control did not come from this console's page"
                    + " (its CSRF token is missing or wrong). Nothing was changed."));
            return;
        }
        Optional<Control> control = Optional.ofNullable(form.get("action")).flatMap(ConsoleServer::control);
        if (control.isEmpty()) {
            page(exchange, 400, "error", error("Unknown control", "The action must be pause, resume, promote or"
                    + " abort. Nothing was changed."));
            return;
        }
        String verb = control.get().name().toLowerCase(Locale.ROOT);
        if (release.state().isFinal()) {
            page(exchange, 409, "error", error("The release has ended", "Release " + release.releaseId()
                    + " has already ended (" + release.state() + "); there is nothing to " + verb + "."));
            return;
        }
        try {
            cloud.records.setControl(cloud.target().service(), release.releaseId(), control.get(), options.by(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (ReleaseNotRunningException ended) {
            page(exchange, 409, "error", error("The release has ended", "Release " + release.releaseId()
                    + " ended before the control was set; there is nothing to " + verb + "."));
            return;
        }
        System.out.println("greenlight console: " + control.get() + " set on release " + release.releaseId()
                + " by " + options.by());
        releases.get(release.releaseId()).invalidate();
        exchange.setHeader("Location", "/releases/" + release.releaseId());
        send(exchange, 303, null);
    }

    private static Optional<Control> control(String action) {
        for (Control control : Control.values()) {
            if (control.name().equalsIgnoreCase(action)) {
                return Optional.of(control);
            }
        }
        return Optional.empty();
    }

    private void login(Exchange exchange, String path, String token) throws IOException {
        if (!equal(token, options.token())) {
            page(exchange, 403, "error", error("Wrong token", "This address does not carry the token the console"
                    + " printed when it started. Nothing was changed."));
            return;
        }
        exchange.addHeader("Set-Cookie", cookie + "=" + options.token()
                + "; Path=/; HttpOnly; SameSite=Strict");
        exchange.setHeader("Location", path);
        send(exchange, 303, null);
    }

    private boolean signedIn(Exchange exchange) {
        for (String header : exchange.headers("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(cookie)
                        && equal(pair.substring(eq + 1).strip(), options.token())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String port = ":" + port();
        return host.equals("127.0.0.1" + port) || host.equals("localhost" + port) || host.equals("[::1]" + port);
    }

    /** A browser sends Origin with a POST: it must be this console. */
    private boolean sameOrigin(Exchange exchange) {
        String origin = exchange.header("Origin");
        return origin == null || hostAllowed(origin.replaceFirst("^http://", "")) && origin.startsWith("http://");
    }

    private static boolean equal(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                    purpose.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Map<String, String> readForm(Exchange exchange) throws IOException {
        try (InputStream in = exchange.requestBody()) {
            byte[] body = in.readNBytes(MAX_FORM + 1);
            return body.length > MAX_FORM ? Map.of() : form(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Form or query fields, decoded; malformed escapes leave the field out. */
    static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                // a stray % is no field
            }
        }
        return fields;
    }

    private static void securityHeaders(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer a browser posts a form with "Origin: null"
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Cache-Control", "no-store");
    }

    private static Map<String, Object> error(String title, String message) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("message", message);
        return model;
    }

    private Context context(Map<String, Object> model) {
        Context context = new Context(Locale.ROOT);
        context.setVariables(model);
        return context;
    }

    private void page(Exchange exchange, int status, String template, Map<String, Object> model)
            throws IOException {
        if (template.equals("error")) {
            model.putIfAbsent("service", cloud.target().service());
            model.putIfAbsent("target", cloud.target().name());
        }
        byte[] body = templates.process(template, context(model)).getBytes(StandardCharsets.UTF_8);
        exchange.setHeader("Content-Type", "text/html; charset=utf-8");
        send(exchange, status, body);
    }

    private void safely(Exchange exchange, int status, Map<String, Object> model) {
        try {
            page(exchange, status, "error", model);
        } catch (IOException | RuntimeException ignored) {
            // the response was under way already, or the browser left
        }
    }

    private static void json(Exchange exchange, int status, Object body) throws IOException {
        exchange.setHeader("Content-Type", "application/json");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private void notAllowed(Exchange exchange, String allow) throws IOException {
        exchange.setHeader("Allow", allow);
        page(exchange, 405, "error", error("Method not allowed", "This address answers " + allow + " only."));
    }

    private static void asset(Exchange exchange, String resource, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            exchange.setHeader("Content-Type", type + "; charset=utf-8");
            exchange.setHeader("Cache-Control", "max-age=300");
            send(exchange, 200, body.toByteArray());
        }
    }

    private static void send(Exchange exchange, int status, byte[] body) throws IOException {
        boolean none = body == null || body.length == 0 || exchange.method().equals("HEAD");
        if (!none) {
            exchange.setHeader("Content-Length", Integer.toString(body.length));
        }
        try (OutputStream out = exchange.respond(status)) {
            if (!none) {
                out.write(body);
            }
        }
    }

    /** One request and its response, written through blocking streams on the server's thread. */
    private static final class Exchange implements AutoCloseable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private OutputStream out;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        String method() {
            return request.getMethod();
        }

        /** The path as sent, still percent-encoded. */
        String path() {
            return request.getHttpURI().getPath();
        }

        String query() {
            return request.getHttpURI().getQuery();
        }

        String header(String name) {
            return request.getHeaders().get(name);
        }

        List<String> headers(String name) {
            return request.getHeaders().getValuesList(name);
        }

        void setHeader(String name, String value) {
            response.getHeaders().put(name, value);
        }

        void addHeader(String name, String value) {
            response.getHeaders().add(name, value);
        }

        InputStream requestBody() {
            return Content.Source.asInputStream(request);
        }

        /** Sets the status and gives the body's stream; closing it ends the response. */
        OutputStream respond(int status) {
            response.setStatus(status);
            out = Content.Sink.asOutputStream(response);
            return out;
        }

        @Override
        public void close() {
            try {
                if (out == null) {
                    respond(500).close();
                } else {
                    out.close();
                }
                callback.succeeded();
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
            }
        }
    }

    /**
     * What the console answers for a request the HTTP server refuses before the console sees it (a request target
     * that is no URI, an ambiguous escape, headers too large): a page of its own with its headers, never the
     * server's page or the reason it gives.
     */
    private static final class Refusals extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            int status = code >= 400 && code < 600 ? code : 400;
            response.setStatus(status);
            securityHeaders(response.getHeaders());
            response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
            String body = status >= 500
                    ? "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong</title>"
                    + "</head><body><h1>Something went wrong</h1><p>The console could not answer this request; its log"
                    + " says why. Nothing was changed.</p></body></html>"
                    : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request</title></head>"
                    + "<body><h1>Bad request</h1><p>The console could not read this request (status " + status
                    + "). Nothing was changed.</p></body></html>";
            response.write(true, StandardCharsets.UTF_8.encode(body), callback);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
