package dev.greenlight.blog.post;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders post content. Raw HTML in the Markdown is escaped, not passed through, and link and image URLs
 * with unsafe schemes (javascript:, data:, ...) are dropped, so a post cannot run script in a reader's page.
 */
@Component
public class Markdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public String toHtml(String markdown) {
        return renderer.render(parser.parse(markdown == null ? "" : markdown));
    }
}
