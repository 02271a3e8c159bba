package dev.greenlight.blog.post;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** The plain-text opening of a post's Markdown, stored with the post so the feed never reads the content. */
final class Excerpts {

    static final int MAX_LENGTH = 240;

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private Excerpts() {
    }

    static String of(String markdown) {
        String text = TEXT.render(PARSER.parse(markdown)).replaceAll("\\s+", " ").strip();
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX_LENGTH);
        return text.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH) + "…";
    }
}
