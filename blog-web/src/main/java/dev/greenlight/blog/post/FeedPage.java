package dev.greenlight.blog.post;

import java.util.List;
import java.util.Optional;

/**
 * One page of the newest-first feed.
 *
 * @param posts      newest first, without content
 * @param nextCursor where the next page starts; empty on the last page
 */
public record FeedPage(List<Post> posts, Optional<FeedCursor> nextCursor) {
}
