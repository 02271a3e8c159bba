package dev.greenlight.localcloud.elb;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.ConnectException;
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

    /** The ALB's quota for a target's response head (AWS: 32 K); a larger one is a 502. */
    private static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;
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

    @Override
    protected void configureHttpClient(org.eclipse.jetty.client.HttpClient client) {
        super.configureHttpClient(client);
        // whatever the balancer accepts from a client it can send on, and it reads a target's answer up to its quota
        client.setRequestBufferSize(ClientRequestChecks.MAX_REQUEST_HEADER_BYTES + 4 * 1024);
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
        if (!ClientRequestChecks.acceptable(request)) {
            // as on AWS: answered by the balancer, never sent to a target, counted per load balancer
            metrics.clientError(listener.balancer());
            ElbErrorPages.write(response, 400, callback);
            return true;
        }
        ForwardPlan plan = listener.plan();
        TargetGroup group = plan.stickyGroup(StickinessCookies.read(request, StickinessCookies.GROUP));
        boolean stickyGroup = group != null;
        if (group == null) {
            group = plan.choose();
        }
        Target target = group == null ? null
                : group.reserve(group.targetStickiness()
                        ? StickinessCookies.read(request, StickinessCookies.TARGET) : null);
        if (target == null) {
            metrics.elbError(listener.balancer(), group, 503, false);
            ElbErrorPages.write(response, 503, callback);
            return true;
        }
        Exchange exchange = new Exchange(group, target);
        request.setAttribute(EXCHANGE, exchange);
        if (plan.sticky() && !stickyGroup) {
            StickinessCookies.set(response, StickinessCookies.GROUP, group.arn, plan.stickySeconds());
        }
        if (group.targetStickiness()) {
            StickinessCookies.set(response, StickinessCookies.TARGET, TargetGroup.key(target.id, target.port),
                    group.stickinessSeconds());
        }
        try {
            return super.handle(request, response, callback);
        } catch (RuntimeException failure) {
            // whatever went wrong before the request left, the target's slot is given back and the client gets
            // the balancer's own answer, never the exception
            exchange.elbStatus = 502;
            finish(exchange, null);
            if (!response.isCommitted()) {
                ElbErrorPages.write(response, 502, callback);
            } else {
                callback.failed(failure);
            }
            return true;
        }
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
        ElbErrorPages.write(response, exchange.elbStatus, Callback.from(
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

    private static Exchange exchange(Request request) {
        return (Exchange) request.getAttribute(EXCHANGE);
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
