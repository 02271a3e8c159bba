package dev.greenlight.localcloud.elb;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

import java.time.Duration;
import java.util.List;

/** A listener: a Jetty server on a loopback port whose requests follow the listener's default action. */
final class AlbListener {

    final String arn;
    final String defaultRuleArn;
    private final LoadBalancer balancer;
    private final int port;
    private final Duration idleTimeout;
    private volatile List<Action> defaultActions;
    private volatile ForwardPlan plan;
    private Server server;

    AlbListener(String arn, String defaultRuleArn, LoadBalancer balancer, int port, Duration idleTimeout,
             List<Action> defaultActions, ForwardPlan plan) {
        this.arn = arn;
        this.defaultRuleArn = defaultRuleArn;
        this.balancer = balancer;
        this.port = port;
        this.idleTimeout = idleTimeout;
        this.defaultActions = defaultActions;
        this.plan = plan;
    }

    LoadBalancer balancer() {
        return balancer;
    }

    int port() {
        return port;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    ForwardPlan plan() {
        return plan;
    }

    List<Action> defaultActions() {
        return defaultActions;
    }

    /** Swaps the default action; requests already routed keep their target. */
    void route(List<Action> actions, ForwardPlan newPlan) {
        this.defaultActions = actions;
        this.plan = newPlan;
    }

    void start(AlbMetrics metrics) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("alb-" + port);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // the balancer reads a request head up to its whole-header quota; ClientRequestChecks then holds the
        // request line and each header to theirs
        http.setRequestHeaderSize(ClientRequestChecks.MAX_REQUEST_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new AlbProxy(this, metrics));
        server.setErrorHandler(new ElbErrorPages(this, metrics));
        server.start();
    }

    void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the listener on port " + port, e);
        }
    }
}
