package dev.greenlight.blog.account;

import java.io.IOException;
import java.util.Map;

import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A refused request's 403 page says why it was refused: a form whose CSRF token is missing, stale or forged (on
 * any form, the sign-in form included) is not the same as changing someone else's post. The reason travels as a
 * request attribute to the error page's {@code message}; no exception text ever does.
 */
final class Refusals extends DefaultErrorAttributes implements AccessDeniedHandler {

    static final String STALE_FORM = "This form has expired or was not sent from this blog's page. Go back, reload"
            + " the page and send it again.";
    static final String NOT_YOURS = "You may only change your own posts.";
    private static final String REASON = Refusals.class.getName() + ".reason";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException {
        request.setAttribute(REASON, refused instanceof CsrfException ? STALE_FORM : NOT_YOURS);
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object reason = request.getAttribute(REASON, RequestAttributes.SCOPE_REQUEST);
        if (reason != null) {
            attributes.put("message", reason);
        }
        return attributes;
    }
}
