package dev.greenlight.blog.post;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What an author submits to create or edit a post.
 *
 * @param title   required, something visible, at most 200 characters, no control characters
 * @param content Markdown, required, something visible, at most 100 KB as UTF-8, no control characters but tabs and
 *                line breaks
 */
public record PostForm(
        @NotNull(message = "Give the post a title.")
        @VisibleText(message = "Give the post a title.")
        @Size(max = 200, message = "The title can be at most 200 characters.")
        @NoControlCharacters(message = "The title cannot contain control characters.")
        String title,
        @NotNull(message = "Write some content.")
        @VisibleText(message = "Write some content.")
        @MaxUtf8Bytes(value = 100 * 1024, message = "The content can be at most 100 KB.")
        @NoControlCharacters(lineBreaks = true, message = "The content cannot contain control characters other than"
                + " tabs and line breaks.")
        String content) {

    static PostForm empty() {
        return new PostForm("", "");
    }

    static PostForm of(Post post) {
        return new PostForm(post.title(), post.content());
    }
}
