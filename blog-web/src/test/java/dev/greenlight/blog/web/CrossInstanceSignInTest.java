package dev.greenlight.blog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.greenlight.blog.BlogTestSupport;

/**
 * During a release a reader's requests alternate between blue and green. Sign-in and CSRF live in cookies
 * signed with the shared secret, so a form rendered by one instance is accepted by the other; sign-outs and
 * failed sign-ins are kept in DynamoDB, so every instance honours them.
 */
class CrossInstanceSignInTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private BlogInstance blue;
    private BlogInstance green;
    private Browser browser;

    @BeforeEach
    void startTwoVersions() {
        BlogTestSupport.resetTables();
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

    /** One attempt from a browser with no cookies yet. */
    private HtmlPage signInWith(BlogInstance instance, String username, String password) throws Exception {
        browser.client.getCookieManager().clearCookies();
        HtmlPage page = browser.open(instance.url("/signin"));
        HtmlForm form = page.getHtmlElementById("signin-form");
        form.getInputByName("username").type(username);
        form.getInputByName("password").type(password);
        return Browser.submit(form);
    }

    private static int statusOfNewPostForm(BlogInstance instance, String sessionCookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.url("/posts/new")))
                .header("Cookie", "GL_SESSION=" + sessionCookie).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
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

    /** A copy of the cookie kept from before the sign-out (another tab, a stolen copy) stops working everywhere. */
    @Test
    void signOutOnGreen_endsTheSignInOnBlue_andEveryOtherCopyOfIt() throws Exception {
        browser.signIn(blue.url(""), "alice");
        String saved = browser.client.getCookieManager().getCookie("GL_SESSION").getValue();
        try (Browser otherDevice = new Browser()) {
            otherDevice.signIn(blue.url(""), "alice");
            assertThat(statusOfNewPostForm(blue, saved)).as("the saved cookie works before the sign-out").isEqualTo(200);

            HtmlPage onGreen = browser.open(green.url("/"));
            HtmlPage signedOut = Browser.submit(onGreen.getFirstByXPath("//form[contains(@action, '/signout')]"));
            assertThat(signedOut.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v2");
            assertThat(signedOut.asNormalizedText()).contains("You are signed out.");

            assertThat(statusOfNewPostForm(blue, saved)).as("the saved cookie on blue").isEqualTo(302);
            assertThat(statusOfNewPostForm(green, saved)).as("the saved cookie on green").isEqualTo(302);
            assertThat(otherDevice.open(blue.url("/posts/new")).getUrl().getPath())
                    .as("a sign-out signs the author out on every device").isEqualTo("/signin");
        }
        assertThat(browser.signIn(green.url(""), "alice").asNormalizedText()).as("signing in again works")
                .contains("alice");
        assertThat(browser.open(blue.url("/posts/new")).getUrl().getPath()).isEqualTo("/posts/new");
    }

    @Test
    void signOut_endsOnlyThatAuthorsSignIns() throws Exception {
        browser.signIn(blue.url(""), "bob");
        try (Browser alice = new Browser()) {
            HtmlPage home = alice.signIn(green.url(""), "alice");
            Browser.submit(home.getFirstByXPath("//form[contains(@action, '/signout')]"));
        }
        assertThat(browser.open(green.url("/posts/new")).getUrl().getPath()).isEqualTo("/posts/new");
    }

    /** Failed attempts are counted where every instance sees them: guessing on blue slows sign-in on green too. */
    @Test
    void failedSignInsOnBlue_pauseSignInOnGreen_untilTheWaitIsOver() throws Exception {
        for (int i = 0; i < 5; i++) {
            HtmlPage failed = signInWith(blue, "alice", "wrong-" + i);
            assertThat(failed.getUrl().toString()).as("attempt %d", i + 1).endsWith("/signin?error");
        }

        HtmlPage paused = signInWith(green, "alice", BlogTestSupport.password("alice"));

        assertThat(paused.getUrl().toString()).endsWith("/signin?wait=1");
        assertThat(paused.getHtmlElementById("signin-paused").asNormalizedText())
                .isEqualTo("Too many failed sign-ins as this author: the next attempt is accepted in 1 second.");
        assertThat(browser.client.getCookieManager().getCookie("GL_SESSION")).as("the right password was not checked").isNull();
        assertThat(signInWith(green, "bob", BlogTestSupport.password("bob")).asNormalizedText())
                .as("another author signs in at once").contains("bob");

        Thread.sleep(1_100);
        HtmlPage signedIn = signInWith(green, "alice", BlogTestSupport.password("alice"));
        assertThat(signedIn.getUrl().getPath()).isEqualTo("/");
        assertThat(signedIn.asNormalizedText()).contains("alice");
    }

    @Test
    void signInPage_ignoresAWaitItCouldNotHaveSet() throws Exception {
        for (String wait : new String[] {"0", "-1", "901", "abc", "1e3", "99999999999999999999"}) {
            HtmlPage page = browser.open(blue.url("/signin?wait=" + wait));
            assertThat(page.getWebResponse().getStatusCode()).as(wait).isEqualTo(200);
            assertThat(page.getElementById("signin-paused")).as(wait).isNull();
        }
    }

    /** A new password (a new hash in the configuration) ends the sign-ins made with the old one. */
    @Test
    void instanceWithAnotherPasswordForTheAuthor_doesNotAcceptTheSignIn() throws Exception {
        String newHash = new BCryptPasswordEncoder(4).encode("a-new-password");
        try (BlogInstance changed = BlogInstance.start(Map.of(
                "blog.version", "v3", "blog.accounts[0].password-hash", newHash))) {
            browser.signIn(blue.url(""), "alice");
            String cookie = browser.client.getCookieManager().getCookie("GL_SESSION").getValue();

            assertThat(statusOfNewPostForm(green, cookie)).isEqualTo(200);
            assertThat(statusOfNewPostForm(changed, cookie)).isEqualTo(302);
        }
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
