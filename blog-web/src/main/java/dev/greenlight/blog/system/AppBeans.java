package dev.greenlight.blog.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.blog.BlogProperties;

/** Small beans every page uses: the version shown in the footer ({@code ${@appInfo.version()}}) and the clock. */
@Configuration(proxyBeanMethods = false)
class AppBeans {

    @Bean
    Version appInfo(BlogProperties properties) {
        return new Version(properties.version());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The running version, i.e. the image tag. */
    public record Version(String version) {
    }
}
