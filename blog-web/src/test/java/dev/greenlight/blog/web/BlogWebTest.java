package dev.greenlight.blog.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.greenlight.blog.BlogTestSupport;

/** A running blog on a free loopback port, an empty posts table, and a fresh browser for every test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
abstract class BlogWebTest {

    @LocalServerPort
    int port;

    Browser browser;

    @DynamicPropertySource
    static void blogProperties(DynamicPropertyRegistry registry) {
        BlogTestSupport.register(registry);
    }

    @BeforeEach
    void freshState() {
        BlogTestSupport.resetTables();
        browser = new Browser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    String base() {
        return "http://localhost:" + port;
    }
}
