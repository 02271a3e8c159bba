package dev.greenlight.blog.account;

import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page to return to after signing in, kept in a cookie. The cookie comes back from the browser, so it may
 * hold anything: one that does not decode to an address is forgotten (and cleared), and the request goes on as
 * if there were none, instead of failing every page its holder asks for.
 */
final class ReturnAddressCache implements RequestCache {

    private final CookieRequestCache cookie;

    ReturnAddressCache(CookieRequestCache cookie) {
        this.cookie = cookie;
    }

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        cookie.saveRequest(request, response);
    }

    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        try {
            return cookie.getRequest(request, response);
        } catch (IllegalArgumentException notAnAddress) {
            cookie.removeRequest(request, response);
            return null;
        }
    }

    @Override
    public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        try {
            return cookie.getMatchingRequest(request, response);
        } catch (IllegalArgumentException notAnAddress) {
            cookie.removeRequest(request, response);
            return null;
        }
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        cookie.removeRequest(request, response);
    }
}
