package dev.greenlight.blog.system;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.greenlight.blog.BlogProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rehearsal faults on page requests: added latency and a fraction of 500s. Health endpoints are left alone,
 * so a faulty version still becomes healthy and the release gate, not the health check, has to catch it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FaultInjectionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FaultInjectionFilter.class);

    private final BlogProperties.Faults faults;

    FaultInjectionFilter(BlogProperties properties) {
        this.faults = properties.faults();
        if (faults.any()) {
            log.warn("Rehearsal faults are on: errorRate={} latencyMs={} readinessDown={}",
                    faults.errorRate(), faults.latencyMs(), faults.readinessDown());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return (faults.errorRate() <= 0 && faults.latencyMs() <= 0) || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (faults.latencyMs() > 0) {
            pause(faults.latencyMs());
        }
        if (faults.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Rehearsal fault: this version answers some requests with 500.\n");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
