package dev.greenlight.release.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The {@code Releases} table: everything about one service's releases under one partition key, the service
 * name. Sort keys: {@code lock} (the release lock), {@code queue#<releaseId>} (releases waiting for the lock)
 * and {@code release#<releaseId>} (one item per release). Release ids start with the push time, so a
 * reverse Query over {@code release#} lists history newest first.
 */
public final class ReleasesTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String LOCK = "lock";
    public static final String QUEUE_PREFIX = "queue#";
    public static final String RELEASE_PREFIX = "release#";

    private ReleasesTable() {
    }

    /** The table as Terraform creates it on AWS and the local cloud creates it on dynalite. */
    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .build();
    }
}
