package dev.greenlight.blog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ReaderPagesTest extends BlogWebTest {

    @Test
    void home_listsPostsNewestFirstAndPagesWithOlderLink() throws Exception {
        browser.signIn(base(), "alice");
        for (int i = 1; i <= 22; i++) {
            browser.createPost(base(), "Post number " + i, "Body of post " + i);
        }

        HtmlPage first = browser.open(base() + "/");
        List<String> titles = titles(first);
        assertThat(titles).hasSize(20);
        assertThat(titles.get(0)).isEqualTo("Post number 22");
        assertThat(titles.get(19)).isEqualTo("Post number 3");
        assertThat(first.asNormalizedText()).contains("by alice").contains("Body of post 22");

        HtmlPage second = ((HtmlAnchor) first.getFirstByXPath("//a[@class='older']")).click();
        assertThat(titles(second)).containsExactly("Post number 2", "Post number 1");
        assertThat((Object) second.getFirstByXPath("//a[@class='older']")).isNull();
    }

    @Test
    void post_rendersMarkdownWithTitleAuthorAndDate() throws Exception {
        browser.signIn(base(), "bob");
        HtmlPage created = browser.createPost(base(), "Markdown", "# Big\n\nSome **bold** and `code`.");

        HtmlPage page = browser.open(created.getUrl().toString().replace("?created", ""));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.<DomElement>getFirstByXPath("//article//h1").getTextContent()).isEqualTo("Markdown");
        assertThat(page.<DomElement>getFirstByXPath("//div[@class='content']/h1").getTextContent()).isEqualTo("Big");
        assertThat(page.<DomElement>getFirstByXPath("//div[@class='content']//strong").getTextContent()).isEqualTo("bold");
        assertThat(page.asNormalizedText()).contains("by bob on ");
    }

    @Test
    void post_escapesScriptInContentSoNothingRuns() throws Exception {
        browser.signIn(base(), "alice");
        String attack = "Hi <script>alert('xss')</script>\n\n<img src=x onerror=\"alert('img')\">\n\n"
                + "[click](javascript:alert('link'))\n\n<a href=\"javascript:alert('a')\">raw</a>";
        HtmlPage page = browser.createPost(base(), "<b>Title</b><script>alert('t')</script>", attack);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getElementsByTagName("script")).isEmpty();
        assertThat(page.getByXPath("//div[@class='content']//img")).isEmpty();
        assertThat(page.getByXPath("//a[starts-with(@href, 'javascript')]")).isEmpty();
        assertThat(page.asNormalizedText()).contains("<script>alert('xss')</script>");
        assertThat(browser.alerts).isEmpty();
        HtmlPage home = browser.open(base() + "/");
        assertThat(home.getElementsByTagName("script")).isEmpty();
        assertThat(browser.alerts).isEmpty();
    }

    @Test
    void unknownPost_is404PageWithoutStackTrace() throws Exception {
        HtmlPage page = browser.open(base() + "/posts/0b7c2c8e-0000-4000-8000-000000000000");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(page.asNormalizedText()).contains("Not found").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(page.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v-test");
    }

    @Test
    void malformedIdAndCursor_are400Pages() throws Exception {
        HtmlPage badId = browser.open(base() + "/posts/not%20an%20id!");
        HtmlPage badCursor = browser.open(base() + "/?cursor=%%%garbage");
        HtmlPage forgedCursor = browser.open(base() + "/?cursor=aGVsbG8");

        for (HtmlPage page : List.of(badId, badCursor, forgedCursor)) {
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.asNormalizedText()).contains("Bad request").doesNotContain("Exception");
        }
        assertThat(badCursor.asNormalizedText()).contains("page link is not valid");
    }

    @Test
    void unknownPath_is404Page() throws Exception {
        for (String path : new String[] {"/no/such/page", "/error", "/error/x", "/%65rror"}) {
            HtmlPage page = browser.open(base() + path);

            assertThat(page.getWebResponse().getStatusCode()).as(path).isEqualTo(404);
            assertThat(page.asNormalizedText()).as(path).contains("Not found");
        }
    }

    /** The blog has no JSON API: a client asking for JSON, or for nothing in particular, gets the same page. */
    @Test
    void errors_arePages_whateverTheClientAccepts() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String accept : new String[] {null, "application/json", "*/*", "text/plain"}) {
            for (String[] request : new String[][] {{"GET", "/posts", "405"}, {"GET", "/no/such/page", "404"},
                    {"GET", "/?cursor=aGVsbG8", "400"}, {"DELETE", "/", "403"}}) {
                java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + request[1])).method(request[0],
                        java.net.http.HttpRequest.BodyPublishers.noBody());
                if (accept != null) {
                    builder.header("Accept", accept);
                }
                java.net.http.HttpResponse<String> answer = http.send(builder.build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String what = request[0] + " " + request[1] + " Accept: " + accept;

                assertThat(answer.statusCode()).as(what).isEqualTo(Integer.parseInt(request[2]));
                assertThat(answer.headers().firstValue("Content-Type")).as(what)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(answer.body()).as(what).contains("<!DOCTYPE html>").doesNotContain("\"timestamp\"");
            }
        }
    }

    @Test
    void atomFeed_listsLatestPostsAsValidXml() throws Exception {
        browser.signIn(base(), "alice");
        browser.createPost(base(), "Fish & <chips>", "Tasty");
        browser.createPost(base(), "Second", "More");

        Page feed = browser.fetch(base() + "/feed.atom");

        assertThat(feed.getWebResponse().getContentType()).isEqualTo("application/atom+xml");
        Document xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(feed.getWebResponse().getContentAsString())));
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").item(0).getTextContent())
                .contains("Second");
        assertThat(feed.getWebResponse().getContentAsString()).contains("Fish &amp; &lt;chips&gt;");
    }

    @Test
    void everyPage_showsTheVersionInHeaderAndFooter() throws Exception {
        HtmlPage home = browser.open(base() + "/");

        assertThat(home.getWebResponse().getResponseHeaderValue("X-App-Version")).isEqualTo("v-test");
        assertThat(home.<DomElement>getFirstByXPath("//footer//span[@class='version']").getTextContent())
                .isEqualTo("v-test");
    }

    @Test
    void headRequests_areAnsweredLikeGets() throws Exception {
        org.htmlunit.WebRequest head = new org.htmlunit.WebRequest(new java.net.URL(base() + "/"),
                org.htmlunit.HttpMethod.HEAD);

        Page response = browser.client.getPage(head);

        assertThat(response.getWebResponse().getStatusCode()).isEqualTo(200);
    }

    private static List<String> titles(HtmlPage page) {
        return page.<DomElement>getByXPath("//article[@class='summary']/h2/a").stream()
                .map(DomElement::getTextContent).toList();
    }
}
