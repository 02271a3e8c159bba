package dev.greenlight.blog.post;

/** No post has this id; shown as the 404 page. */
public class PostNotFoundException extends RuntimeException {

    public PostNotFoundException(String id) {
        super("No post with id " + id);
    }
}
