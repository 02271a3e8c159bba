package dev.greenlight.blog.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.blog.BlogProperties;
import dev.greenlight.blog.BlogTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The repository against a real DynamoDB API (dynalite), not a mock. */
class PostRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final DynamoDbClient dynamoDb = BlogTestSupport.dynalite().client();
    private PostRepository posts;

    @BeforeEach
    void emptyTable() {
        BlogTestSupport.resetTables();
        BlogProperties properties = new BlogProperties("v-test", URI.create("http://localhost:8080"),
                new BlogProperties.Dynamodb(URI.create("http://unused"), "us-east-1", BlogTestSupport.TABLE,
                        BlogTestSupport.FEED_INDEX, "BlogSignIns", false),
                BlogTestSupport.SESSION_SECRET, 1, List.of(), new BlogProperties.Local(null),
                new BlogProperties.Faults(0, 0, false));
        posts = new PostRepository(dynamoDb, properties);
    }

    @Test
    void feed_pagesNewestFirstWithCursorAcross105Posts() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            created.add(posts.create(i % 2 == 0 ? "alice" : "bob", "Post " + i, "Body " + i, T0.plusSeconds(i)).id());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<FeedCursor> cursor = Optional.empty();
        do {
            FeedPage page = posts.feed(cursor.map(FeedCursor::encode).map(FeedCursor::decode));
            page.posts().forEach(p -> seen.add(p.id()));
            pageSizes.add(page.posts().size());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(pageSizes).containsExactly(20, 20, 20, 20, 20, 5);
        java.util.Collections.reverse(created);
        assertThat(seen).isEqualTo(created);
    }

    @Test
    void feed_lastFullPageHasNoCursor() {
        for (int i = 0; i < 20; i++) {
            posts.create("alice", "Post " + i, "Body", T0.plusSeconds(i));
        }

        FeedPage page = posts.feed(Optional.empty());

        assertThat(page.posts()).hasSize(20);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void feed_listsTitleExcerptAndDateButNotContent() {
        posts.create("alice", "Hello", "# Heading\n\nSome *emphasis* here.", T0);

        Post listed = posts.feed(Optional.empty()).posts().get(0);

        assertThat(listed.title()).isEqualTo("Hello");
        assertThat(listed.author()).isEqualTo("alice");
        assertThat(listed.excerpt()).isEqualTo("Heading Some emphasis here.");
        assertThat(listed.timestamp()).isEqualTo(T0);
        assertThat(listed.content()).isNull();
    }

    @Test
    void create_neverOverwritesAnExistingPost() {
        Post original = new Post("fixed-id", "alice", "Original", "first", "first", T0);
        posts.insert(original);

        assertThatThrownBy(() -> posts.insert(new Post("fixed-id", "alice", "Impostor", "second", "second", T0)))
                .isInstanceOf(PostConflictException.class);

        assertThat(posts.find("fixed-id")).get().extracting(Post::title).isEqualTo("Original");
    }

    @Test
    void update_changesTitleAndContentOfAnExistingPost() {
        Post post = posts.create("alice", "Draft", "old words", T0);

        posts.update(post, "Final", "new words");

        Post stored = posts.find(post.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Final");
        assertThat(stored.content()).isEqualTo("new words");
        assertThat(stored.timestamp()).isEqualTo(T0);
        assertThat(posts.feed(Optional.empty()).posts().get(0).excerpt()).isEqualTo("new words");
    }

    @Test
    void update_failsAndCreatesNothingWhenThePostIsGone() {
        Post post = posts.create("alice", "Doomed", "text", T0);
        posts.delete(post);

        assertThatThrownBy(() -> posts.update(post, "Revived?", "no"))
                .isInstanceOf(PostNotFoundException.class);

        assertThat(posts.find(post.id())).isEmpty();
        assertThat(dynamoDb.scan(b -> b.tableName(BlogTestSupport.TABLE)).count()).isZero();
    }

    @Test
    void delete_removesThePostFromPageAndFeed() {
        Post keep = posts.create("alice", "Keep", "a", T0);
        Post drop = posts.create("bob", "Drop", "b", T0.plusSeconds(1));

        posts.delete(drop);

        assertThat(posts.find(drop.id())).isEmpty();
        assertThat(posts.feed(Optional.empty()).posts()).extracting(Post::id).containsExactly(keep.id());
        assertThatThrownBy(() -> posts.delete(drop)).isInstanceOf(PostNotFoundException.class);
    }

    @Test
    void find_readsItemsFromOtherVersionsTolerantly() {
        Map<String, AttributeValue> newer = new HashMap<>();
        newer.put("post_id", AttributeValue.fromS("from-newer"));
        newer.put("author", AttributeValue.fromS("bob"));
        newer.put("title", AttributeValue.fromS("Written by v2"));
        newer.put("content", AttributeValue.fromS("Hello **world**"));
        newer.put("timestamp", AttributeValue.fromS("2026-02-03T04:05:06.789123+00:00"));
        newer.put("reading_minutes", AttributeValue.fromN("3"));
        newer.put("tags", AttributeValue.fromSs(List.of("release", "java")));
        dynamoDb.putItem(b -> b.tableName(BlogTestSupport.TABLE).item(newer));
        Map<String, AttributeValue> older = Map.of(
                "post_id", AttributeValue.fromS("from-flask"),
                "author", AttributeValue.fromS("alice"),
                "content", AttributeValue.fromS("no title, no timestamp"));
        dynamoDb.putItem(b -> b.tableName(BlogTestSupport.TABLE).item(older));

        Post fromNewer = posts.find("from-newer").orElseThrow();
        Post fromOlder = posts.find("from-flask").orElseThrow();

        assertThat(fromNewer.title()).isEqualTo("Written by v2");
        assertThat(fromNewer.timestamp()).isEqualTo(Instant.parse("2026-02-03T04:05:06.789123Z"));
        assertThat(fromNewer.excerpt()).isEqualTo("Hello world");
        assertThat(fromOlder.title()).isEqualTo("(untitled)");
        assertThat(fromOlder.timestamp()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void update_keepsAttributesThisVersionDoesNotKnow() {
        Post post = posts.create("alice", "Mine", "text", T0);
        dynamoDb.updateItem(b -> b.tableName(BlogTestSupport.TABLE)
                .key(Map.of("post_id", AttributeValue.fromS(post.id()), "author", AttributeValue.fromS("alice")))
                .updateExpression("SET reading_minutes = :m")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromN("7"))));

        posts.update(post, "Mine, edited", "more text");

        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(BlogTestSupport.TABLE)
                .key(Map.of("post_id", AttributeValue.fromS(post.id()), "author", AttributeValue.fromS("alice"))))
                .item();
        assertThat(item.get("reading_minutes").n()).isEqualTo("7");
        assertThat(item.get("title").s()).isEqualTo("Mine, edited");
    }
}
