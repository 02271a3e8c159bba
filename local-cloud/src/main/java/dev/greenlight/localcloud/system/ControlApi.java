package dev.greenlight.localcloud.system;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.greenlight.localcloud.JsonErrors;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.statemachine.json.Json;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the CLI asks of the local system that has no AWS API it could call instead: publishing a jar to the
 * local ECR (on AWS, {@code docker push}) and putting an event on the bus as a service would.
 * <ul>
 *   <li>{@code POST /images} {@code {"tag", "jar", "env": {...}, "plan": {...}}} → 201
 *       {@code {"repository", "tag", "digest", "imageUri", "executions": [...]}}; 409 when the tag exists,
 *       400 for anything else wrong (a plan the release could not follow included, every problem listed), each as
 *       {@code {"message"}}</li>
 *   <li>{@code POST /events} with one event → 200 {@code {"matchedRules", "executions"}}; 400 if not a JSON object</li>
 *   <li>{@code POST /plans} {@code {"plan": {...}, "windowSeconds": 600}} → 200 with what a preview of a push with
 *       that plan needs: the merged plan, where it runs, whether anything is live, and the live traffic over the
 *       window; 400 for a plan the release could not follow</li>
 *   <li>{@code GET /health} → 200 once the system is up</li>
 * </ul>
 * A body is JSON in UTF-8 of at most {@link #MAX_BODY_BYTES} (413 beyond, refused from its Content-Length before it
 * is read).
 */
final class ControlApi implements AutoCloseable {

    /** What the control API drives. */
    interface Operations {

        /**
         * Pushes a jar and emits ECR's push event.
         *
         * @throws InvalidPlanException before pushing anything, if the plan merged with the configured one could
         *                              not be followed
         */
        Publication publish(String tag, Path jar, Map<String, String> env, JsonNode plan);

        /** Puts an event on the default bus. */
        Publication putEvent(JsonNode event);

        /**
         * What a preview of a push with this plan override needs.
         *
         * @throws InvalidPlanException if the plan merged with the configured one could not be followed
         */
        JsonNode planInputs(JsonNode plan, int windowSeconds);
    }

    /**
     * @param image        the image pushed, if any
     * @param matchedRules the rules the event matched
     * @param executions   the executions those rules started
     */
    record Publication(Image image, List<String> matchedRules, List<String> executions) {
    }

    /** The most a request body may hold: a tag, a jar's path, variables and a plan take a few kilobytes. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);

    private final Server server;
    private final ServerConnector connector;

    private ControlApi(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static ControlApi start(Operations operations) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("control-api");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors("application/json", code -> code, status -> message(status,
                status >= 500 ? "the local system failed to do this; its log has the details"
                        : "the request could not be read as HTTP (status " + status + ")").body()));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Answer answer = answer(operations, request);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, Json.write(answer.body()), callback);
                return true;
            }
        });
        server.start();
        return new ControlApi(server, connector);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer answer(Operations operations, Request request) {
        String path = request.getHttpURI().getPath();
        boolean post = HttpMethod.POST.is(request.getMethod());
        try {
            long length = request.getLength();
            if (length > MAX_BODY_BYTES) {
                return message(413, "the body must be at most " + MAX_BODY_BYTES + " bytes, but was " + length);
            }
            if ("/health".equals(path) && HttpMethod.GET.is(request.getMethod())) {
                return new Answer(200, Json.parse("{\"status\": \"UP\"}"));
            }
            if ("/images".equals(path) && post) {
                return new Answer(201, publication(publish(operations, body(request))));
            }
            if ("/plans".equals(path) && post) {
                return new Answer(200, planInputs(operations, body(request)));
            }
            if ("/events".equals(path) && post) {
                return new Answer(200, publication(operations.putEvent(body(request))));
            }
            return message(404, "no such operation: " + request.getMethod() + " " + path);
        } catch (BadRequest e) {
            return message(400, e.getMessage());
        } catch (InvalidPlanException e) {
            return message(400, "the plan cannot be followed: " + String.join("; ", e.problems()));
        } catch (AwsServiceException e) {
            int status = "ImageTagAlreadyExistsException".equals(e.awsErrorDetails().errorCode()) ? 409 : 400;
            return message(status, e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            LOG.error("control API request {} {} failed", request.getMethod(), path, e);
            return message(500, "the local system failed to do this; its log has the details");
        }
    }

    private static Publication publish(Operations operations, JsonNode body) {
        if (body.has("tag") && !body.get("tag").isString()) {
            throw new BadRequest("tag must be a string");
        }
        String tag = body.path("tag").asString("");
        if (tag.isBlank()) {
            throw new BadRequest("tag is required");
        }
        Path jar = jar(body.path("jar").asString(""));
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode given = body.path("env");
        if (!given.isMissingNode() && !given.isObject()) {
            throw new BadRequest("env must be an object of names to values");
        }
        given.properties().forEach(e -> {
            if (!e.getValue().isString()) {
                throw new BadRequest("env." + e.getKey() + " must be a string");
            }
            env.put(e.getKey(), e.getValue().asString());
        });
        JsonNode plan = body.get("plan");
        if (plan != null && !plan.isObject()) {
            throw new BadRequest("plan must be an object");
        }
        return operations.publish(tag, jar, env, plan);
    }

    private static JsonNode planInputs(Operations operations, JsonNode body) {
        JsonNode plan = body.get("plan");
        if (plan != null && !plan.isNull() && !plan.isObject()) {
            throw new BadRequest("plan must be an object");
        }
        JsonNode window = body.path("windowSeconds");
        if (!window.isMissingNode() && !(window.canConvertToInt() && window.isIntegralNumber() && window.asInt() >= 60
                && window.asInt() <= 86_400)) {
            throw new BadRequest("windowSeconds must be a whole number of seconds from 60 to 86400");
        }
        return operations.planInputs(plan == null || plan.isNull() ? null : plan, window.asInt(600));
    }

    private static Path jar(String given) {
        String printable = given.replaceAll("\\p{Cntrl}", "?");
        try {
            Path jar = Path.of(given);
            if (jar.isAbsolute() && Files.isRegularFile(jar)) {
                return jar;
            }
        } catch (InvalidPathException e) {
            // a NUL or another character no path may hold: reported below
        }
        throw new BadRequest("jar must be the absolute path of a file, not '" + printable + "'");
    }

    private static JsonNode publication(Publication publication) {
        ObjectNode body = Json.object();
        Image image = publication.image();
        if (image != null) {
            body.put("repository", image.repositoryName());
            body.put("tag", image.tag());
            body.put("digest", image.digest());
            body.put("imageUri", image.uri());
        }
        publication.matchedRules().forEach(body.putArray("matchedRules")::add);
        publication.executions().forEach(body.putArray("executions")::add);
        return body;
    }

    private static JsonNode body(Request request) {
        String text;
        try {
            ByteBuffer bytes = Content.Source.asByteBufferAsync(request, MAX_BODY_BYTES).get();
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("the body must be JSON in UTF-8");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRequest("interrupted while reading the body");
        } catch (ExecutionException e) {
            throw new BadRequest("the body could not be read in full, or is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode body = Json.parse(text);
            if (body.isObject()) {
                return body;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new BadRequest("the body must be a JSON object");
    }

    private static Answer message(int status, String message) {
        ObjectNode body = Json.object();
        body.put("message", message);
        return new Answer(status, body);
    }

    /** A request the control API cannot act on; its message says what to fix. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
