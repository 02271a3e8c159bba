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
 * Paths the server has that are not pages, answered as if they did not exist:
 * <ul>
 *   <li>the actuator, but for the probes and the version;</li>
 *   <li>{@code /error}, where the server renders the page of a request that failed: asked for directly, it would
 *       render an error page with status 500, which the release gate would count as a target 5xx. The error
 *       dispatch itself is not filtered.</li>
 * </ul>
 * The path judged is the one the application routes by: decoded, normalised and without path parameters, so
 * {@code /%61ctuator} or {@code /actuator;x=1/env} is judged as the actuator path it reaches.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class HiddenPathsFilter extends OncePerRequestFilter {

    private static final Set<String> PUBLIC_ACTUATOR = Set.of(
            "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(under(path, "/actuator") && !PUBLIC_ACTUATOR.contains(path) || under(path, "/error"));
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
