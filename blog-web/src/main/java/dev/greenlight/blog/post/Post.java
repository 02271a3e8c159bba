package dev.greenlight.blog.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A blog post as the blog reads it. Items written by other versions may carry more attributes, or lack
 * optional ones; reading ignores the first and defaults the second.
 *
 * @param id        the post_id partition key
 * @param author    the author sort key: the username that wrote it
 * @param title     plain text, at most 200 characters
 * @param content   Markdown source, absent in feed listings
 * @param excerpt   plain-text opening of the content, stored at write time for the feed
 * @param timestamp when it was first published (UTC)
 */
public record Post(String id, String author, String title, String content, String excerpt, Instant timestamp) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The publish date as readers see it, in UTC. */
    public String publishedOn() {
        return DATE.format(timestamp);
    }

    public boolean isWrittenBy(String username) {
        return author.equals(username);
    }
}
