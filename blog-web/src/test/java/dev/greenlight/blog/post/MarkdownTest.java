package dev.greenlight.blog.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    @Test
    void linksAndImages_withSchemesThatCanCarryContent_lose_theirUrl() {
        for (String url : new String[] {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "DATA:image/svg+xml;base64,PHN2Zz4=", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
                "vbscript:msgbox(1)", "file:///etc/passwd"}) {
            String html = markdown.toHtml("[link](<" + url + ">) ![image](<" + url + ">)");

            assertThat(html).as(url).contains("href=\"\"").contains("src=\"\"")
                    .doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("script:");
        }
    }

    @Test
    void webAndMailLinks_andAddressesOnThisBlog_stay() {
        assertThat(markdown.toHtml("[a](https://example.com/x?y=1) [b](http://example.com) [c](mailto:ada@example.com)"
                + " [d](/posts/p1) [e](#top) ![f](https://example.com/i.png)"))
                .contains("href=\"https://example.com/x?y=1\"", "href=\"http://example.com\"",
                        "href=\"mailto:ada@example.com\"", "href=\"/posts/p1\"", "href=\"#top\"",
                        "src=\"https://example.com/i.png\"");
    }
}
