package dev.greenlight.localcloud.elb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The ALB's stickiness cookies: {@value #GROUP} names the target group a client stays with (the listener's group
 * stickiness), {@value #TARGET} the target (the group's own stickiness). Their values are encoded; one the
 * balancer cannot decode is no cookie.
 */
final class StickinessCookies {

    static final String GROUP = "AWSALBTG";
    static final String TARGET = "AWSALB";

    private StickinessCookies() {
    }

    /** The decoded value of the request's cookie of that name; null when it has none we set. */
    static String read(Request request, String name) {
        return decode(cookie(request, name));
    }

    /** Sets the cookie on the response for the given time. */
    static void set(Response response, String name, String value, int maxAgeSeconds) {
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8));
        response.getHeaders().add(HttpHeader.SET_COOKIE,
                name + "=" + encoded + "; Max-Age=" + maxAgeSeconds + "; Path=/");
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
}
