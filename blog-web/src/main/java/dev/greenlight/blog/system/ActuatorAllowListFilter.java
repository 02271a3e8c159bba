package dev.greenlight.blog.system;

import java.io.IOException;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Only the probes and the version are public; every other actuator path is answered as if it did not exist. The
 * path judged is the one the application routes by: decoded, normalised and without path parameters, so
 * {@code /%61ctuator} or {@code /actuator;x=1/env} is judged as the actuator path it reaches.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ActuatorAllowListFilter extends OncePerRequestFilter {

    private static final Set<String> ALLOWED = Set.of(
            "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals("/actuator") || path.startsWith("/actuator/")) || ALLOWED.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
