package dev.greenlight.blog.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.greenlight.blog.BlogApplication;
import dev.greenlight.blog.BlogTestSupport;

/** A separately started blog on a free loopback port, for tests that need a second instance or a fault. */
final class BlogInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private BlogInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static BlogInstance start(Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(BlogTestSupport.properties());
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new BlogInstance(new SpringApplicationBuilder(BlogApplication.class).run(args));
    }

    String url(String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://localhost:" + port + path;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
