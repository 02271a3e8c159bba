package dev.greenlight.release.store;

import static dev.greenlight.release.store.ReleasesTable.PK;
import static dev.greenlight.release.store.ReleasesTable.QUEUE_PREFIX;
import static dev.greenlight.release.store.ReleasesTable.SK;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Releases of a service waiting for its lock, oldest first. Release ids begin with the push time, so the
 * newest push is the last entry: only it proceeds, every older waiting release ends as superseded.
 */
public class ReleaseQueue {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ReleaseQueue(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Adds this release to the queue; adding it again changes nothing. */
    public void enter(String service, String releaseId, String executionId) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                PK, AttributeValue.fromS(service),
                SK, AttributeValue.fromS(QUEUE_PREFIX + releaseId),
                "releaseId", AttributeValue.fromS(releaseId),
                "executionId", AttributeValue.fromS(executionId))));
    }

    /** Removes this release from the queue; removing it again changes nothing. */
    public void leave(String service, String releaseId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of(
                PK, AttributeValue.fromS(service), SK, AttributeValue.fromS(QUEUE_PREFIX + releaseId))));
    }

    /** The release ids waiting, oldest push first. */
    public List<String> waiting(String service) {
        return dynamoDb.queryPaginator(b -> b.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :service AND begins_with(sk, :queue)")
                        .expressionAttributeValues(Map.of(
                                ":service", AttributeValue.fromS(service),
                                ":queue", AttributeValue.fromS(QUEUE_PREFIX))))
                .items().stream()
                .map(item -> item.get("releaseId").s())
                .toList();
    }

    /** Whether a release pushed after this one is waiting too. */
    public boolean newerWaiting(String service, String releaseId) {
        return waiting(service).stream().anyMatch(other -> other.compareTo(releaseId) > 0);
    }
}
