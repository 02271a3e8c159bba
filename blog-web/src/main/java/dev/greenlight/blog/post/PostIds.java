package dev.greenlight.blog.post;

import java.util.UUID;
import java.util.regex.Pattern;

/** Post ids: new posts get a random UUID; any id of 1 to 64 letters, digits, '-' or '_' is well-formed. */
final class PostIds {

    static final String PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private PostIds() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** @throws BadRequestException if the id cannot be a post id */
    static String requireValid(String id) {
        if (!isValid(id)) {
            throw new BadRequestException("\"" + abbreviate(id) + "\" is not a valid post id.");
        }
        return id;
    }

    private static String abbreviate(String id) {
        return id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }
}
