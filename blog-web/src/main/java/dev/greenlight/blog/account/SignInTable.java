package dev.greenlight.blog.account;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of the sign-ins table: one small item per author, keyed by {@code author}, shared by every instance.
 * {@code epoch} counts the author's sign-outs (a sign-in cookie names the epoch it was issued in), {@code failures}
 * counts failed sign-ins since the last good one and {@code retry_at} (epoch milliseconds) is when the next
 * attempt may be made. Nothing in it grows with time, so it needs no expiry.
 */
public final class SignInTable {

    public static final String AUTHOR = "author";
    public static final String EPOCH = "epoch";
    public static final String FAILURES = "failures";
    public static final String RETRY_AT = "retry_at";

    private SignInTable() {
    }

    /** The table as Terraform creates it on AWS and the blog creates it locally. */
    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(AUTHOR).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(AUTHOR).keyType(KeyType.HASH).build())
                .build();
    }
}
