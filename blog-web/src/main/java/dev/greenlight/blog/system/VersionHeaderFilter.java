package dev.greenlight.blog.system;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.greenlight.blog.BlogProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Stamps every response, errors included, with the version that answered: how a release is seen from outside. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class VersionHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-App-Version";

    private final String version;

    VersionHeaderFilter(BlogProperties properties) {
        this.version = properties.version();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, version);
        chain.doFilter(request, response);
    }
}
