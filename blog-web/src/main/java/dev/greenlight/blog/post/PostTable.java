package dev.greenlight.blog.post;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of the posts table. The key schema is the original blog's (post_id + author). The feed GSI
 * puts every post in one partition ({@code feed_pk = "POST"}) ordered by {@code feed_sk}, the fixed-width
 * publish time plus the post id: short, unique, and in time order, so one Query in reverse reads a page.
 * The index carries only what a feed page shows, never the content.
 */
public final class PostTable {

    public static final String POST_ID = "post_id";
    public static final String AUTHOR = "author";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String EXCERPT = "excerpt";
    public static final String TIMESTAMP = "timestamp";
    public static final String FEED_PK = "feed_pk";
    public static final String FEED_SK = "feed_sk";
    /** The single feed partition: a blog's write rate is far below one partition's limits. */
    public static final String FEED_PARTITION = "POST";

    private PostTable() {
    }

    /** The table as Terraform creates it on AWS and the blog creates it locally. */
    public static CreateTableRequest createRequest(String tableName, String feedIndex) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(POST_ID), attribute(AUTHOR), attribute(FEED_PK), attribute(FEED_SK))
                .keySchema(key(POST_ID, KeyType.HASH), key(AUTHOR, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(feedIndex)
                        .keySchema(key(FEED_PK, KeyType.HASH), key(FEED_SK, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(TITLE, EXCERPT, TIMESTAMP)
                                .build())
                        .build())
                .build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
