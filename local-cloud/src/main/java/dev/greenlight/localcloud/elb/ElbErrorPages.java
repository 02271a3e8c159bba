package dev.greenlight.localcloud.elb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The balancer's own answers: its page for a status, for a request it refuses or could not pass on, and for one
 * it cannot even parse (a bad request line, a stray percent sign in the path, oversized headers), never the
 * server's page, with an ELB 4XX in CloudWatch for the client's errors.
 */
final class ElbErrorPages extends ErrorHandler {

    private final AlbListener listener;
    private final AlbMetrics metrics;

    ElbErrorPages(AlbListener listener, AlbMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
    }

    /** Writes the balancer's page for the status, as the whole response. */
    static void write(Response response, int status, Callback callback) {
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
        write(response, status, callback);
    }
}
