package dev.greenlight.blog.post;

/** A conditional write failed: the post already exists (create) or no longer exists (edit, delete). */
public class PostConflictException extends RuntimeException {

    public PostConflictException(String message) {
        super(message);
    }
}
