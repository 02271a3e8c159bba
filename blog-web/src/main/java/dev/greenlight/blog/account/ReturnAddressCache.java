package dev.greenlight.blog.account;

import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page to return to after signing in, kept in a cookie. The cookie comes back from the browser, so it may
 * hold anything: one that does not decode to an address is forgotten (and cleared), and the request goes on as
 * if there were none, instead of failing every page its holder asks for. Every read of the cookie, also the
 * matching done on each request, goes through {@link #getRequest}.
 */
final class ReturnAddressCache extends CookieRequestCache {

    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        try {
            return super.getRequest(request, response);
        } catch (IllegalArgumentException notAnAddress) {
            removeRequest(request, response);
            return null;
        }
    }
}
