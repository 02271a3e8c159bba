package dev.greenlight.blog.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an author submits to create or edit a post.
 *
 * @param title   required, at most 200 characters
 * @param content Markdown, required, at most 100 KB as UTF-8
 */
public record PostForm(
        @NotBlank(message = "Give the post a title.")
        @Size(max = 200, message = "The title can be at most 200 characters.")
        String title,
        @NotBlank(message = "Write some content.")
        @MaxUtf8Bytes(value = 100 * 1024, message = "The content can be at most 100 KB.")
        String content) {

    static PostForm empty() {
        return new PostForm("", "");
    }

    static PostForm of(Post post) {
        return new PostForm(post.title(), post.content());
    }
}
