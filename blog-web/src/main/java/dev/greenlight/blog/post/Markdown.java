package dev.greenlight.blog.post;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders post content. Raw HTML in the Markdown is escaped, not passed through, and a link or image keeps its
 * URL only when it is a web or mail address or one without a scheme (on this blog): any other scheme
 * (javascript:, data:, vbscript:, file:, ...) leaves it empty, so a post cannot run script in a reader's page or
 * carry a document of its own.
 */
@Component
public class Markdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto"))).build();

    public String toHtml(String markdown) {
        return renderer.render(parser.parse(markdown == null ? "" : markdown));
    }
}
