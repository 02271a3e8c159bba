package dev.greenlight.blog.post;

/** A request the blog cannot make sense of; the message is shown to the reader on the 400 page. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
