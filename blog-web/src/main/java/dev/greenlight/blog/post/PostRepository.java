package dev.greenlight.blog.post;

import static dev.greenlight.blog.post.PostTable.AUTHOR;
import static dev.greenlight.blog.post.PostTable.CONTENT;
import static dev.greenlight.blog.post.PostTable.EXCERPT;
import static dev.greenlight.blog.post.PostTable.FEED_PARTITION;
import static dev.greenlight.blog.post.PostTable.FEED_PK;
import static dev.greenlight.blog.post.PostTable.FEED_SK;
import static dev.greenlight.blog.post.PostTable.POST_ID;
import static dev.greenlight.blog.post.PostTable.TIMESTAMP;
import static dev.greenlight.blog.post.PostTable.TITLE;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Repository;

import dev.greenlight.blog.BlogProperties;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Posts in DynamoDB. Reads are tolerant of items written by other versions; writes are conditional and
 * touch only the attributes this version owns, so a newer version's extra attributes survive an edit here.
 */
@Repository
public class PostRepository {

    public static final int PAGE_SIZE = 20;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String feedIndex;

    public PostRepository(DynamoDbClient dynamoDb, BlogProperties properties) {
        this.dynamoDb = dynamoDb;
        this.table = properties.dynamodb().postsTable();
        this.feedIndex = properties.dynamodb().feedIndex();
    }

    /** One page of the feed, newest first: a single Query on the feed index. */
    public FeedPage feed(Optional<FeedCursor> after) {
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table)
                    .indexName(feedIndex)
                    .keyConditionExpression("#pk = :feed")
                    .expressionAttributeNames(Map.of("#pk", FEED_PK))
                    .expressionAttributeValues(Map.of(":feed", AttributeValue.fromS(FEED_PARTITION)))
                    .scanIndexForward(false)
                    .limit(PAGE_SIZE + 1);
            after.ifPresent(cursor -> b.exclusiveStartKey(Map.of(
                    FEED_PK, AttributeValue.fromS(FEED_PARTITION),
                    FEED_SK, AttributeValue.fromS(cursor.sortKey()),
                    POST_ID, AttributeValue.fromS(cursor.postId()),
                    AUTHOR, AttributeValue.fromS(cursor.author()))));
        });
        List<Map<String, AttributeValue>> items = response.items();
        List<Post> posts = items.stream().limit(PAGE_SIZE).map(PostRepository::toPost).toList();
        Optional<FeedCursor> next = items.size() > PAGE_SIZE
                ? Optional.of(cursorAt(items.get(PAGE_SIZE - 1)))
                : Optional.empty();
        return new FeedPage(posts, next);
    }

    /** The post with this id, content included. */
    public Optional<Post> find(String id) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", POST_ID))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))
                .limit(1));
        return response.items().stream().findFirst().map(PostRepository::toPost);
    }

    /**
     * Publishes a new post under a fresh id; never overwrites one.
     *
     * @throws PostConflictException if a post with the same key exists
     */
    public Post create(String author, String title, String content, Instant now) {
        Post post = new Post(PostIds.newId(), author, title, content, Excerpts.of(content), now);
        insert(post);
        return post;
    }

    /**
     * Stores a post that does not exist yet.
     *
     * @throws PostConflictException if a post with the same key exists
     */
    void insert(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(POST_ID, AttributeValue.fromS(post.id()));
        item.put(AUTHOR, AttributeValue.fromS(post.author()));
        item.put(TITLE, AttributeValue.fromS(post.title()));
        item.put(CONTENT, AttributeValue.fromS(post.content()));
        item.put(EXCERPT, AttributeValue.fromS(post.excerpt()));
        item.put(TIMESTAMP, AttributeValue.fromS(Timestamps.format(post.timestamp())));
        item.put(FEED_PK, AttributeValue.fromS(FEED_PARTITION));
        item.put(FEED_SK, AttributeValue.fromS(feedSortKey(post.timestamp(), post.id())));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", POST_ID)));
        } catch (ConditionalCheckFailedException e) {
            throw new PostConflictException("A post with id " + post.id() + " already exists");
        }
    }

    /**
     * Changes the title and content of an existing post, leaving every other attribute as it is.
     *
     * @throws PostNotFoundException if the post no longer exists
     */
    public void update(Post post, String title, String content) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(key(post))
                    .updateExpression("SET #title = :title, #content = :content, #excerpt = :excerpt")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of(
                            "#id", POST_ID, "#title", TITLE, "#content", CONTENT, "#excerpt", EXCERPT))
                    .expressionAttributeValues(Map.of(
                            ":title", AttributeValue.fromS(title),
                            ":content", AttributeValue.fromS(content),
                            ":excerpt", AttributeValue.fromS(Excerpts.of(content)))));
        } catch (ConditionalCheckFailedException e) {
            throw new PostNotFoundException(post.id());
        }
    }

    /**
     * Deletes the post.
     *
     * @throws PostNotFoundException if it was already gone
     */
    public void delete(Post post) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(key(post))
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", POST_ID)));
        } catch (ConditionalCheckFailedException e) {
            throw new PostNotFoundException(post.id());
        }
    }

    static String feedSortKey(Instant published, String id) {
        return Timestamps.format(published) + "#" + id;
    }

    private static Map<String, AttributeValue> key(Post post) {
        return Map.of(POST_ID, AttributeValue.fromS(post.id()), AUTHOR, AttributeValue.fromS(post.author()));
    }

    private static FeedCursor cursorAt(Map<String, AttributeValue> item) {
        return new FeedCursor(string(item, FEED_SK), string(item, POST_ID), string(item, AUTHOR));
    }

    private static Post toPost(Map<String, AttributeValue> item) {
        String content = string(item, CONTENT);
        String excerpt = string(item, EXCERPT);
        if (excerpt == null && content != null) {
            excerpt = Excerpts.of(content);
        }
        return new Post(
                string(item, POST_ID),
                string(item, AUTHOR),
                Optional.ofNullable(string(item, TITLE)).orElse("(untitled)"),
                content,
                excerpt == null ? "" : excerpt,
                Timestamps.parse(string(item, TIMESTAMP)));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
