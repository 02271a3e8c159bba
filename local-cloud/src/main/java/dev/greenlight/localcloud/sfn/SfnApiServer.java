package dev.greenlight.localcloud.sfn;

import java.net.URI;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.greenlight.localcloud.JsonErrors;

/**
 * The local Step Functions API on a loopback port, so the AWS SDK's {@code SfnClient} (and the CLI through
 * it) works against the local engine with {@code endpointOverride}.
 */
public final class SfnApiServer implements AutoCloseable {

    private static final long IDLE_TIMEOUT_MILLIS = 10_000;

    private final Server server;
    private final ServerConnector connector;

    private SfnApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving {@code sfn} on 127.0.0.1.
     *
     * @param port the port to listen on, or 0 for a free one
     */
    public static SfnApiServer start(LocalStepFunctions sfn, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("sfn-api");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // a request whose body stops short of its Content-Length is answered (a SerializationException) after this
        // long; idle keep-alive connections of the SDK's clients close sooner on their side (5 s)
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.setHandler(new SfnHandler(new SfnOperations(sfn)));
        // as Step Functions answers every client error, with 400 (a head too large included)
        server.setErrorHandler(new JsonErrors(SfnHandler.CONTENT_TYPE, code -> code < 500 ? 400 : 500,
                SfnHandler::unreadable));
        server.start();
        return new SfnApiServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The endpoint to give the SDK, e.g. {@code http://127.0.0.1:4567}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
