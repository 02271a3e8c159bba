package dev.greenlight.localcloud.elb;

import java.net.URI;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * What the balancer accepts from a client to forward: a request target that makes a URI, within the ALB's
 * quotas. Anything else it answers itself with a 400.
 */
final class ClientRequestChecks {

    /** The ALB's quotas for a request: its line, any one header, and the whole head (AWS: 16 K, 16 K, 64 K). */
    static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    private ClientRequestChecks() {
    }

    /** Whether the request may be forwarded: well formed, and its line and headers within the quotas. */
    static boolean acceptable(Request request) {
        return wellFormed(request.getHttpURI()) && withinQuotas(request);
    }

    /**
     * Whether a request target can be forwarded as it is: every percent sign starts an escape of two hex digits,
     * and the path and query make a URI.
     */
    private static boolean wellFormed(HttpURI uri) {
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
            if (field.getName().length() + 2 + (field.getValue() == null ? 0 : field.getValue().length())
                    > MAX_HEADER_BYTES) {
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
}
