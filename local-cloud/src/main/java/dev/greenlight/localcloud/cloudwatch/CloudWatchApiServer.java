package dev.greenlight.localcloud.cloudwatch;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The local CloudWatch's GetMetricData on a loopback port, in the protocol the AWS SDK for Java speaks to CloudWatch
 * (Smithy RPC v2 CBOR: {@code POST /service/GraniteServiceVersion20100801/operation/GetMetricData}, CBOR bodies,
 * timestamps as CBOR epoch-seconds tags), so a {@code CloudWatchClient} with {@code endpointOverride} (the operator
 * console, with or without {@code --aws}) reads the local metrics as it would read AWS's. Errors are CloudWatch's:
 * {@code __type} and {@code message}, and the query error code in {@code x-amzn-query-error}.
 */
public final class CloudWatchApiServer implements AutoCloseable {

    static final String PREFIX = "/service/GraniteServiceVersion20100801/operation/";
    private static final int MAX_BODY = 1 << 20;
    private static final CBORMapper CBOR = CBORMapper.builder().build();

    private final Server server;
    private final ServerConnector connector;

    private CloudWatchApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Serves {@code cloudWatch}'s GetMetricData on 127.0.0.1, on a free port. */
    public static CloudWatchApiServer start(CloudWatchClient cloudWatch) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("cloudwatch-api");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setErrorHandler(new ErrorHandler() {
            @Override
            public boolean errorPageForMethod(String method) {
                return true;
            }

            @Override
            protected void generateResponse(Request request, Response response, int code, String message,
                    Throwable cause, Callback callback) {
                error(response, code < 500 ? 400 : 500, code < 500 ? "SerializationException" : "InternalFailure",
                        null, code < 500 ? "the request could not be read" : "the local CloudWatch failed", callback);
            }
        });
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                answer(cloudWatch, request, response, callback);
                return true;
            }
        });
        server.start();
        return new CloudWatchApiServer(server, connector);
    }

    /** The endpoint to give the SDK, e.g. {@code http://127.0.0.1:4567}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static void answer(CloudWatchClient cloudWatch, Request request, Response response, Callback callback)
            throws Exception {
        String path = request.getHttpURI().getPath();
        if (!"POST".equals(request.getMethod()) || !path.startsWith(PREFIX)) {
            error(response, 404, "UnknownOperationException", null, "no such operation: " + request.getMethod() + " "
                    + path, callback);
            return;
        }
        String operation = path.substring(PREFIX.length());
        if (!operation.equals("GetMetricData")) {
            error(response, 400, "UnknownOperationException", null, "the local CloudWatch serves GetMetricData, not "
                    + operation, callback);
            return;
        }
        JsonNode body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                error(response, 400, "SerializationException", null, "the body is larger than " + MAX_BODY
                        + " bytes", callback);
                return;
            }
            body = bytes.length == 0 ? CBOR.createObjectNode() : CBOR.readTree(bytes);
        } catch (JacksonException e) {
            error(response, 400, "SerializationException", null, "the body is not CBOR", callback);
            return;
        }
        GetMetricDataResponse result;
        try {
            result = cloudWatch.getMetricData(request(body));
        } catch (IllegalArgumentException e) {
            error(response, 400, "SerializationException", null, e.getMessage(), callback);
            return;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails().errorCode();
            error(response, 400, e.getClass().getSimpleName(), code, e.awsErrorDetails().errorMessage(), callback);
            return;
        }
        ok(response, result, callback);
    }

    /** The SDK's request from the CBOR document, field by field as the CloudWatch API names them. */
    static GetMetricDataRequest request(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a map");
        }
        GetMetricDataRequest.Builder request = GetMetricDataRequest.builder()
                .startTime(time(body.get("StartTime"), "StartTime"))
                .endTime(time(body.get("EndTime"), "EndTime"))
                .nextToken(text(body.get("NextToken"), "NextToken"))
                .scanBy(text(body.get("ScanBy"), "ScanBy"));
        if (body.hasNonNull("MaxDatapoints")) {
            request.maxDatapoints(number(body.get("MaxDatapoints"), "MaxDatapoints"));
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        for (JsonNode query : list(body.get("MetricDataQueries"), "MetricDataQueries")) {
            MetricDataQuery.Builder q = MetricDataQuery.builder().id(text(query.get("Id"), "Id"))
                    .expression(text(query.get("Expression"), "Expression")).label(text(query.get("Label"), "Label"))
                    .accountId(text(query.get("AccountId"), "AccountId"));
            if (query.hasNonNull("ReturnData")) {
                if (!query.get("ReturnData").isBoolean()) {
                    throw new IllegalArgumentException("ReturnData must be a boolean");
                }
                q.returnData(query.get("ReturnData").asBoolean());
            }
            if (query.hasNonNull("Period")) {
                q.period(number(query.get("Period"), "Period"));
            }
            JsonNode stat = query.get("MetricStat");
            if (stat != null && !stat.isNull()) {
                JsonNode metric = stat.path("Metric");
                List<Dimension> dimensions = new ArrayList<>();
                for (JsonNode dimension : list(metric.get("Dimensions"), "Dimensions")) {
                    dimensions.add(Dimension.builder().name(text(dimension.get("Name"), "Name"))
                            .value(text(dimension.get("Value"), "Value")).build());
                }
                MetricStat.Builder built = MetricStat.builder().metric(Metric.builder()
                                .namespace(text(metric.get("Namespace"), "Namespace"))
                                .metricName(text(metric.get("MetricName"), "MetricName")).dimensions(dimensions).build())
                        .stat(text(stat.get("Stat"), "Stat")).unit(text(stat.get("Unit"), "Unit"));
                if (stat.hasNonNull("Period")) {
                    built.period(number(stat.get("Period"), "Period"));
                }
                q.metricStat(built.build());
            }
            queries.add(q.build());
        }
        return request.metricDataQueries(queries).build();
    }

    private static void ok(Response response, GetMetricDataResponse result, Callback callback) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = (CBORGenerator) CBOR.createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeName("MetricDataResults");
            cbor.writeStartArray();
            for (MetricDataResult series : result.metricDataResults()) {
                cbor.writeStartObject();
                cbor.writeStringProperty("Id", series.id());
                if (series.label() != null) {
                    cbor.writeStringProperty("Label", wellFormed(series.label()));
                }
                cbor.writeName("Timestamps");
                cbor.writeStartArray();
                for (Instant at : series.timestamps()) {
                    cbor.writeTag(1);
                    cbor.writeNumber(at.getEpochSecond() + at.getNano() / 1e9);
                }
                cbor.writeEndArray();
                cbor.writeName("Values");
                cbor.writeStartArray();
                for (Double value : series.values()) {
                    cbor.writeNumber(value);
                }
                cbor.writeEndArray();
                if (series.statusCodeAsString() != null) {
                    cbor.writeStringProperty("StatusCode", series.statusCodeAsString());
                }
                cbor.writeEndObject();
            }
            cbor.writeEndArray();
            if (result.nextToken() != null) {
                cbor.writeStringProperty("NextToken", result.nextToken());
            }
            cbor.writeName("Messages");
            cbor.writeStartArray();
            cbor.writeEndArray();
            cbor.writeEndObject();
        }
        write(response, 200, out.toByteArray(), callback);
    }

    private static void error(Response response, int status, String type, String queryCode, String message,
            Callback callback) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = (CBORGenerator) CBOR.createGenerator(out)) {
            cbor.writeStartObject();
            cbor.writeStringProperty("__type", "com.amazonaws.cloudwatch#" + type);
            cbor.writeStringProperty("message", message == null ? "" : wellFormed(message));
            cbor.writeEndObject();
        }
        if (queryCode != null) {
            response.getHeaders().put("x-amzn-query-error", queryCode + ";Sender");
        }
        write(response, status, out.toByteArray(), callback);
    }

    /** Text CBOR can carry: a lone surrogate (from a request's own text, echoed) becomes a replacement mark. */
    private static String wellFormed(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static void write(Response response, int status, byte[] body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/cbor");
        response.getHeaders().put("smithy-protocol", "rpc-v2-cbor");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static Instant time(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a timestamp");
        }
        double seconds = value.asDouble();
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
            throw new IllegalArgumentException(name + " is out of range");
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9) % 1_000_000_000L);
    }

    private static String text(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asString();
    }

    private static Integer number(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.asInt();
    }

    private static Iterable<JsonNode> list(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(name + " must be a list");
        }
        return value;
    }
}
