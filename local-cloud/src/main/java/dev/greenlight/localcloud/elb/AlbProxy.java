package dev.greenlight.localcloud.elb;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ALB listener's request path, on Jetty's reverse proxy: choose a target group by weight (or
 * by the stickiness cookie), reserve a target, forward with X-Forwarded-* headers over pooled
 * connections, record metrics, and answer 502/503/504 itself when there is no answer to pass on.
 */
final class AlbProxy extends ProxyHandler {

    static final String GROUP_COOKIE = "AWSALBTG";
    static final String TARGET_COOKIE = "AWSALB";
    private static final String EXCHANGE = AlbProxy.class.getName() + ".exchange";

    private final AlbListener listener;
    private final AlbMetrics metrics;

    AlbProxy(AlbListener listener, AlbMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
    }

    /** One proxied request: where it went and when the target began to answer. */
    private static final class Exchange {
        final TargetGroup group;
        final Target target;
        final long startNanos = System.nanoTime();
        volatile long responseBeginNanos;
        volatile int elbStatus;
        volatile boolean connectionError;
        final AtomicBoolean finished = new AtomicBoolean();

        Exchange(TargetGroup group, Target target) {
            this.group = group;
            this.target = target;
        }
    }

    /** The ALB's quotas for a request: its line, any one header, and the whole head (AWS: 16 K, 16 K, 64 K). */
    static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    /** The ALB's quota for a target's response head (AWS: 32 K); a larger one is a 502. */
    static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;

    @Override
    protected void configureHttpClient(org.eclipse.jetty.client.HttpClient client) {
        super.configureHttpClient(client);
        // whatever the balancer accepts from a client it can send on, and it reads a target's answer up to its quota
        client.setRequestBufferSize(MAX_REQUEST_HEADER_BYTES + 4 * 1024);
        client.setResponseBufferSize(MAX_RESPONSE_HEADER_BYTES);
        // Pooled keep-alive connections to targets; idle ones close before a target's own
        // keep-alive timeout would, so a request is never sent on a connection the target is closing.
        client.setMaxConnectionsPerDestination(1024);
        client.setMaxRequestsQueuedPerDestination(8192);
        client.setIdleTimeout(15_000);
        client.setConnectTimeout(10_000);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!wellFormed(request.getHttpURI()) || !withinQuotas(request)) {
            // as on AWS: answered by the balancer, never sent to a target, counted per load balancer
            metrics.clientError(listener.balancer());
            writeElbError(response, 400, callback);
            return true;
        }
        ForwardPlan plan = listener.plan();
        TargetGroup group = plan.stickyGroup(decode(cookie(request, GROUP_COOKIE)));
        boolean stickyGroup = group != null;
        if (group == null) {
            group = plan.choose();
        }
        Target target = group == null ? null
                : group.reserve(group.targetStickiness() ? decode(cookie(request, TARGET_COOKIE)) : null);
        if (target == null) {
            metrics.elbError(listener.balancer(), group, 503, false);
            writeElbError(response, 503, callback);
            return true;
        }
        Exchange exchange = new Exchange(group, target);
        request.setAttribute(EXCHANGE, exchange);
        if (plan.sticky() && !stickyGroup) {
            setCookie(response, GROUP_COOKIE, group.arn, plan.stickySeconds());
        }
        if (group.targetStickiness()) {
            setCookie(response, TARGET_COOKIE, TargetGroup.key(target.id, target.port), group.stickinessSeconds());
        }
        try {
            return super.handle(request, response, callback);
        } catch (RuntimeException failure) {
            // whatever went wrong before the request left, the target's slot is given back and the client gets
            // the balancer's own answer, never the exception
            exchange.elbStatus = 502;
            finish(exchange, null);
            if (!response.isCommitted()) {
                writeElbError(response, 502, callback);
            } else {
                callback.failed(failure);
            }
            return true;
        }
    }

    /**
     * Whether a request target can be forwarded as it is: every percent sign starts an escape of two hex digits,
     * and the path and query make a URI.
     */
    static boolean wellFormed(HttpURI uri) {
        String path = uri.getPath();
        String query = uri.getQuery();
        if (path == null || !validEscapes(path) || query != null && !validEscapes(query)) {
            return false;
        }
        try {
            URI.create("http://target" + uri.getPathQuery());
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The request line and every header within the ALB's quotas; the whole head Jetty has checked already. */
    private static boolean withinQuotas(Request request) {
        String line = request.getMethod() + " " + request.getHttpURI().getPathQuery() + " HTTP/1.1";
        if (line.length() > MAX_REQUEST_LINE_BYTES) {
            return false;
        }
        for (HttpField field : request.getHeaders()) {
            if (field.getName().length() + 2 + (field.getValue() == null ? 0 : field.getValue().length()) > MAX_HEADER_BYTES) {
                return false;
            }
        }
        return true;
    }

    private static boolean validEscapes(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                    || Character.digit(text.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The balancer sends its own Date; the target's would be a second one. */
    @Override
    protected HttpField filterServerToProxyResponseField(HttpField field) {
        return field.getHeader() == HttpHeader.DATE ? null : super.filterServerToProxyResponseField(field);
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Exchange exchange = exchange(request);
        return HttpURI.build(request.getHttpURI()).scheme("http").host(exchange.target.id).port(exchange.target.port);
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
        Exchange exchange = exchange(request);
        return super.newProxyToServerRequest(request, uri)
                .timeout(listener.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onResponseBegin(serverResponse -> exchange.responseBeginNanos = System.nanoTime());
    }

    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request proxyRequest) {
        String client = Request.getRemoteAddr(request);
        String forwardedFor = request.getHeaders().get("X-Forwarded-For");
        proxyRequest.headers(headers -> headers
                .put("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client)
                .put("X-Forwarded-Proto", "http")
                .put("X-Forwarded-Port", String.valueOf(listener.port()))
                .put("X-Amzn-Trace-Id", traceId()));
    }

    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request proxyRequest,
                                                  org.eclipse.jetty.client.Response serverResponse, Response response,
                                                  Callback callback, Throwable failure) {
        Exchange exchange = exchange(request);
        exchange.elbStatus = causedBy(failure, TimeoutException.class) ? 504 : 502;
        exchange.connectionError = causedBy(failure, ConnectException.class);
        if (response.isCommitted()) {
            onProxyToClientResponseFailure(request, proxyRequest, serverResponse, response, callback, failure);
            return;
        }
        writeElbError(response, exchange.elbStatus, Callback.from(
                () -> onProxyToClientResponseComplete(request, proxyRequest, serverResponse, response, callback),
                writeFailure -> onProxyToClientResponseFailure(request, proxyRequest, serverResponse, response, callback, writeFailure)));
    }

    @Override
    protected void onProxyToClientResponseComplete(Request request, org.eclipse.jetty.client.Request proxyRequest,
                                                   org.eclipse.jetty.client.Response serverResponse, Response response,
                                                   Callback callback) {
        finish(exchange(request), serverResponse);
        super.onProxyToClientResponseComplete(request, proxyRequest, serverResponse, response, callback);
    }

    @Override
    protected void onProxyToClientResponseFailure(Request request, org.eclipse.jetty.client.Request proxyRequest,
                                                  org.eclipse.jetty.client.Response serverResponse, Response response,
                                                  Callback callback, Throwable failure) {
        Exchange exchange = exchange(request);
        if (exchange.elbStatus == 0 && exchange.responseBeginNanos == 0) {
            exchange.elbStatus = 502;
        }
        finish(exchange, serverResponse);
        super.onProxyToClientResponseFailure(request, proxyRequest, serverResponse, response, callback, failure);
    }

    private void finish(Exchange exchange, org.eclipse.jetty.client.Response serverResponse) {
        if (!exchange.finished.compareAndSet(false, true)) {
            return;
        }
        exchange.target.inFlight.decrementAndGet();
        if (exchange.elbStatus != 0 || serverResponse == null) {
            metrics.elbError(listener.balancer(), exchange.group, exchange.elbStatus == 0 ? 502 : exchange.elbStatus,
                    exchange.connectionError);
        } else {
            long begin = exchange.responseBeginNanos == 0 ? System.nanoTime() : exchange.responseBeginNanos;
            metrics.targetResponse(listener.balancer(), exchange.group, serverResponse.getStatus(),
                    (begin - exchange.startNanos) / 1e9);
        }
    }

    static void writeElbError(Response response, int status, Callback callback) {
        String reason = switch (status) {
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Temporarily Unavailable";
            case 504 -> "504 Gateway Time-out";
            default -> status + " " + HttpStatus.getMessage(status);
        };
        byte[] body = ("<html>\r\n<head><title>" + reason + "</title></head>\r\n<body>\r\n<center><h1>" + reason
                + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.SERVER, "awselb/2.0");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * What the balancer answers for a request it cannot even parse (a bad request line, a stray percent sign in the
     * path, oversized headers): its own page for the status, never the server's, and an ELB 4XX in CloudWatch.
     */
    static final class ElbErrors extends ErrorHandler {

        private final AlbListener listener;
        private final AlbMetrics metrics;

        ElbErrors(AlbListener listener, AlbMetrics metrics) {
            this.listener = listener;
            this.metrics = metrics;
        }

        /** Whatever the method: the balancer's page is not only for GET, POST and HEAD. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            // the ALB answers 400 for every request it cannot take: a malformed one, a head over its quota
            int status = code >= 500 && code < 600 ? code : 400;
            if (status < 500) {
                metrics.clientError(listener.balancer());
            }
            writeElbError(response, status, callback);
        }
    }

    private static Exchange exchange(Request request) {
        return (Exchange) request.getAttribute(EXCHANGE);
    }

    private static String cookie(Request request, String name) {
        for (String header : request.getHeaders().getValuesList(HttpHeader.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    return pair.substring(equals + 1).trim();
                }
            }
        }
        return null;
    }

    private static void setCookie(Response response, String name, String value, int maxAgeSeconds) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        response.getHeaders().add(HttpHeader.SET_COOKIE, name + "=" + encoded + "; Max-Age=" + maxAgeSeconds + "; Path=/");
    }

    private static String decode(String cookieValue) {
        if (cookieValue == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cookieValue), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(random);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
