package dev.greenlight.blog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.blog.BlogTestSupport;

/**
 * During a release a reader's requests alternate between blue and green. Sign-in and CSRF live in cookies
 * signed with the shared secret, so a form rendered by one instance is accepted by the other.
 */
class CrossInstanceSignInTest {

    private BlogInstance blue;
    private BlogInstance green;
    private Browser browser;

    @BeforeEach
    void startTwoVersions() {
        BlogTestSupport.resetPosts();
        blue = BlogInstance.start(Map.of("blog.version", "v1"));
        green = BlogInstance.start(Map.of("blog.version", "v2"));
        browser = new Browser();
    }

    @AfterEach
    void stop() {
        browser.close();
        blue.close();
        green.close();
    }

    @Test
    void formFromBlue_isAcceptedByGreen() throws Exception {
        browser.signIn(blue.url(""), "alice");
        HtmlPage formOnBlue = browser.open(blue.url("/posts/new"));
        assertThat(formOnBlue.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v1");

        HtmlForm form = formOnBlue.getHtmlElementById("post-form");
        form.setActionAttribute(green.url("/posts"));
        HtmlPage published = Browser.fillAndSubmit(formOnBlue, "Across instances", "Submitted to the other one");

        assertThat(published.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v2");
        assertThat(published.asNormalizedText()).contains("Your post is published.").contains("Across instances");
        assertThat(browser.open(blue.url("/")).asNormalizedText()).contains("Across instances");
    }

    @Test
    void signInOnBlue_isKnownToGreen() throws Exception {
        browser.signIn(blue.url(""), "bob");

        HtmlPage onGreen = browser.open(green.url("/posts/new"));

        assertThat(onGreen.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v2");
        assertThat(onGreen.getUrl().getPath()).isEqualTo("/posts/new");
        assertThat(onGreen.asNormalizedText()).contains("bob");
    }

    @Test
    void instanceWithAnotherSecret_doesNotAcceptTheSignIn() throws Exception {
        try (BlogInstance stranger = BlogInstance.start(Map.of(
                "blog.version", "v3", "blog.session-secret", "a-different-secret-that-is-long-enough-0123"))) {
            browser.signIn(blue.url(""), "alice");

            HtmlPage onStranger = browser.open(stranger.url("/posts/new"));

            assertThat(onStranger.getUrl().getPath()).isEqualTo("/signin");
        }
    }
}
