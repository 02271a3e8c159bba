package dev.greenlight.blog.post;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a feed page starts: the key of the last post of the previous page. Readers see it only as an opaque
 * token; {@link #decode} rejects anything that is not a token this class produced.
 *
 * @param sortKey the feed index sort key of that post
 * @param postId  its post_id
 * @param author  its author
 */
public record FeedCursor(String sortKey, String postId, String author) {

    private static final Pattern SORT_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#" + PostIds.PATTERN);

    public String encode() {
        String raw = sortKey + "\n" + postId + "\n" + author;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCursorException if the token is not one {@link #encode} made */
    public static FeedCursor decode(String token) {
        if (token.length() > 1024) {
            throw new InvalidCursorException();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        String[] parts = raw.split("\n", -1);
        if (parts.length != 3 || !SORT_KEY.matcher(parts[0]).matches() || !PostIds.isValid(parts[1])
                || parts[2].isBlank()) {
            throw new InvalidCursorException();
        }
        return new FeedCursor(parts[0], parts[1], parts[2]);
    }

    /** The page cursor is not one the blog handed out. */
    public static class InvalidCursorException extends BadRequestException {
        InvalidCursorException() {
            super("That page link is not valid. Start again from the home page.");
        }
    }
}
