package dev.greenlight.blog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.Test;

class AuthoringTest extends BlogWebTest {

    @Test
    void writing_requiresSignInAndReturnsToTheFormAfterwards() throws Exception {
        HtmlPage page = browser.open(base() + "/posts/new");
        assertThat(page.getUrl().getPath()).isEqualTo("/signin");

        HtmlForm form = page.getHtmlElementById("signin-form");
        form.getInputByName("username").type("alice");
        form.getInputByName("password").type("ecila");
        HtmlPage after = Browser.submit(form);

        assertThat(after.getUrl().getPath()).isEqualTo("/posts/new");
        assertThat(after.getElementById("post-form")).isNotNull();
    }

    @Test
    void thePageToReturnTo_isRemembered_inALaxCookie_unlessItsAddressIsTooLongForOne() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(base() + "/posts/new")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("REDIRECT_URI=").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));

        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create(base() + "/posts/new?q="
                + "x".repeat(6000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(302);
        assertThat(huge.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
        assertThat(huge.headers().allValues("Set-Cookie")).noneSatisfy(c -> assertThat(c).startsWith("REDIRECT_URI="));
    }

    @Test
    void aPageToReturnTo_thatIsNotAnAddress_isForgotten_andTheRequestAnswered() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // "%" then NUL; "/%zz"; "/\u0000 x"; and a cookie that is no Base64 at all
        for (String saved : new String[] {"JQA", "LyV6eg==", "LwAgeA==", "%%%"}) {
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(base() + "/"))
                    .header("Cookie", "REDIRECT_URI=" + saved).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(home.statusCode()).as(saved).isEqualTo(200);
            assertThat(home.body()).as(saved).contains("<html");
        }
    }

    @Test
    void signIn_withWrongPasswordSaysSo() throws Exception {
        HtmlPage page = browser.open(base() + "/signin");
        HtmlForm form = page.getHtmlElementById("signin-form");
        form.getInputByName("username").type("alice");
        form.getInputByName("password").type("wrong");

        HtmlPage after = Browser.submit(form);

        assertThat(after.getUrl().toString()).endsWith("/signin?error");
        assertThat(after.asNormalizedText()).contains("do not match an author");
        assertThat(browser.client.getCookieManager().getCookie("GL_SESSION")).isNull();
    }

    @Test
    void author_createsEditsAndDeletesTheirPost() throws Exception {
        browser.signIn(base(), "alice");

        HtmlPage created = browser.createPost(base(), "First draft", "Hello *world*");
        assertThat(created.getUrl().getPath()).startsWith("/posts/");
        assertThat(created.asNormalizedText()).contains("Your post is published.").contains("First draft");

        HtmlPage edit = browser.open(created.getUrl().toString().replace("?created", "") + "/edit");
        assertThat(edit.getHtmlElementById("title").getAttribute("value")).isEqualTo("First draft");
        HtmlPage updated = Browser.fillAndSubmit(edit, "Final words", "Goodbye *world*");
        assertThat(updated.asNormalizedText()).contains("Your changes are saved.").contains("Final words")
                .doesNotContain("First draft");

        HtmlForm delete = updated.getFirstByXPath("//form[contains(@action, '/delete')]");
        HtmlPage home = Browser.submit(delete);
        assertThat(home.asNormalizedText()).contains("The post was deleted.").contains("No posts yet.");
        String postUrl = updated.getUrl().toString().replace("?updated", "");
        assertThat(browser.open(postUrl).getWebResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void invalidForm_showsErrorsNextToFieldsAndKeepsInput() throws Exception {
        browser.signIn(base(), "alice");

        HtmlPage page = browser.createPost(base(), "   ", "x".repeat(100 * 1024 + 1));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getUrl().getPath()).isEqualTo("/posts");
        assertThat(page.<DomElement>getFirstByXPath("//span[@id='title-error']").getTextContent())
                .isEqualTo("Give the post a title.");
        assertThat(page.<DomElement>getFirstByXPath("//span[@id='content-error']").getTextContent())
                .isEqualTo("The content can be at most 100 KB.");
        assertThat(page.getElementById("content").getTextContent()).hasSize(100 * 1024 + 1);

        page.getHtmlElementById("title").removeAttribute("maxlength");
        HtmlPage tooLongTitle = Browser.fillAndSubmit(page, "t".repeat(201), "fine");
        assertThat(tooLongTitle.<DomElement>getFirstByXPath("//span[@id='title-error']").getTextContent())
                .isEqualTo("The title can be at most 200 characters.");
        assertThat((Object) tooLongTitle.getFirstByXPath("//span[@id='content-error']")).isNull();
        assertThat(browser.open(base() + "/").asNormalizedText()).contains("No posts yet.");
    }

    @Test
    void titlesShowingNothing_andControlCharacters_areRefusedWithTheFieldNamed() throws Exception {
        browser.signIn(base(), "alice");

        HtmlPage invisible = browser.createPost(base(), "\u00A0\u200B\uFEFF", "Fine content");
        assertThat(invisible.<DomElement>getFirstByXPath("//span[@id='title-error']").getTextContent())
                .isEqualTo("Give the post a title.");

        HtmlPage control = Browser.fillAndSubmit(invisible, "Fish\u0001chips", "tab\tand\nlines\u0007");
        assertThat(control.<DomElement>getFirstByXPath("//span[@id='title-error']").getTextContent())
                .isEqualTo("The title cannot contain control characters.");
        assertThat(control.<DomElement>getFirstByXPath("//span[@id='content-error']").getTextContent())
                .isEqualTo("The content cannot contain control characters other than tabs and line breaks.");

        HtmlPage fine = Browser.fillAndSubmit(control, "Fish and chips", "tab\tand\nlines");
        assertThat(fine.asNormalizedText()).contains("Your post is published.");
        assertThat(browser.open(base() + "/").asNormalizedText()).contains("Fish and chips");
    }

    @Test
    void contentOfExactly100KB_isAccepted() throws Exception {
        browser.signIn(base(), "alice");

        HtmlPage page = browser.createPost(base(), "Long", "y".repeat(100 * 1024));

        assertThat(page.asNormalizedText()).contains("Your post is published.");
    }

    @Test
    void anotherAuthorsPost_cannotBeEditedOrDeleted() throws Exception {
        browser.signIn(base(), "alice");
        String postUrl = browser.createPost(base(), "Alice's", "mine").getUrl().toString().replace("?created", "");
        HtmlPage aliceEditForm = browser.open(postUrl + "/edit");
        browser.client.getCookieManager().clearCookies();
        browser.signIn(base(), "bob");

        HtmlPage bobView = browser.open(postUrl);
        assertThat(bobView.getByXPath("//div[@class='actions']")).isEmpty();
        HtmlPage editPage = browser.open(postUrl + "/edit");
        assertThat(editPage.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(editPage.asNormalizedText()).contains("Not allowed", "You may only change your own posts.");

        HtmlPage forcedPost = Browser.fillAndSubmit(withFreshCsrf(aliceEditForm), "Bob was here", "hijacked");
        assertThat(forcedPost.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(browser.open(postUrl).asNormalizedText()).contains("Alice's").doesNotContain("Bob was here");
    }

    @Test
    void admin_mayEditAnyonesPost() throws Exception {
        browser.signIn(base(), "alice");
        String postUrl = browser.createPost(base(), "Alice's", "mine").getUrl().toString().replace("?created", "");
        browser.client.getCookieManager().clearCookies();
        browser.signIn(base(), "root");

        HtmlPage updated = Browser.fillAndSubmit(browser.open(postUrl + "/edit"), "Moderated", "tidied");

        assertThat(updated.asNormalizedText()).contains("Moderated").contains("by alice");
    }

    @Test
    void postWithoutCsrfToken_isRejected() throws Exception {
        browser.signIn(base(), "alice");
        WebRequest request = new WebRequest(new URL(base() + "/posts"), HttpMethod.POST);
        request.setRequestBody("title=Forged&content=no+token");
        request.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");

        Page response = browser.client.getPage(request);

        assertThat(response.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(browser.open(base() + "/").asNormalizedText()).contains("No posts yet.");
    }

    @Test
    void aMalformedCsrfToken_isRefusedWith403_notAServerError() throws Exception {
        // a token that decodes to bytes that are not UTF-8, against a two-character cookie: anyone can send it, so
        // it must not be a 5xx, which the release gate counts against the version answering it
        for (boolean signedIn : new boolean[] {false, true}) {
            Browser client = new Browser();
            try {
                if (signedIn) {
                    client.signIn(base(), "alice");
                }
                WebRequest request = new WebRequest(new URL(base() + "/posts"), HttpMethod.POST);
                request.setRequestBody("title=Forged&content=bad+token&_csrf=AAD__w");
                request.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
                request.setAdditionalHeader("Cookie", "XSRF-TOKEN=ab");

                Page response = client.client.getPage(request);

                assertThat(response.getWebResponse().getStatusCode()).as("signed in: %s", signedIn).isEqualTo(403);
                assertThat(response.getWebResponse().getContentAsString()).doesNotContain("Exception")
                        .contains("This form has expired").doesNotContain("your own posts");
            } finally {
                client.close();
            }
        }
        assertThat(browser.open(base() + "/").asNormalizedText()).contains("No posts yet.");
    }

    @Test
    void aSignInFormWithoutItsToken_saysTheFormExpired_notThatThePostIsSomeoneElses() throws Exception {
        WebRequest request = new WebRequest(new URL(base() + "/signin"), HttpMethod.POST);
        request.setRequestBody("username=alice&password=ecila");
        request.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");

        Page response = browser.client.getPage(request);

        assertThat(response.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(response.getWebResponse().getContentAsString()).contains("This form has expired")
                .doesNotContain("your own posts");
    }

    @Test
    void deleteByGet_isNotPossible() throws Exception {
        browser.signIn(base(), "alice");
        String postUrl = browser.createPost(base(), "Stays", "here").getUrl().toString().replace("?created", "");

        Page response = browser.fetch(postUrl + "/delete");

        assertThat(response.getWebResponse().getStatusCode()).isIn(403, 405);
        assertThat(browser.open(postUrl).getWebResponse().getStatusCode()).isEqualTo(200);
    }

    @Test
    void noServerSessionIsEverCreated() throws Exception {
        browser.signIn(base(), "alice");
        browser.createPost(base(), "Stateless", "no sessions");

        assertThat(browser.client.getCookieManager().getCookies()).extracting(Cookie::getName)
                .contains("GL_SESSION", "XSRF-TOKEN")
                .doesNotContain("JSESSIONID");
    }

    @Test
    void signOut_endsTheSignIn() throws Exception {
        HtmlPage home = browser.signIn(base(), "alice");
        HtmlForm signOut = home.getFirstByXPath("//form[contains(@action, '/signout')]");

        HtmlPage after = Browser.submit(signOut);

        assertThat(after.asNormalizedText()).contains("You are signed out.");
        assertThat(browser.open(base() + "/posts/new").getUrl().getPath()).isEqualTo("/signin");
    }

    /** The edit form as alice saw it, but with the CSRF token of bob's current browser, so only authorization can stop it. */
    private HtmlPage withFreshCsrf(HtmlPage staleForm) throws Exception {
        HtmlPage bobsNewForm = browser.open(base() + "/posts/new");
        String token = bobsNewForm.<DomElement>getFirstByXPath("//input[@name='_csrf']").getAttribute("value");
        staleForm.<DomElement>getFirstByXPath("//input[@name='_csrf']").setAttribute("value", token);
        return staleForm;
    }
}
