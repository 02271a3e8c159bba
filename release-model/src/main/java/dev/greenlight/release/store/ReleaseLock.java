package dev.greenlight.release.store;

import static dev.greenlight.release.store.ReleasesTable.LOCK;
import static dev.greenlight.release.store.ReleasesTable.PK;
import static dev.greenlight.release.store.ReleasesTable.SK;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One release at a time per service. The lock is an item with a lease: its holder renews the lease at every
 * step, and a lease that ran out (the holder's execution died or was stopped) may be taken over. Every
 * write is conditional, so two releases racing for it cannot both win.
 */
public class ReleaseLock {

    /**
     * Who holds the lock.
     *
     * @param releaseId      the holding release
     * @param executionId    its Step Functions execution
     * @param leaseExpiresAt when the lock may be taken over unless renewed
     */
    public record Holder(String releaseId, String executionId, Instant leaseExpiresAt) {

        public boolean expiredAt(Instant now) {
            return !leaseExpiresAt.isAfter(now);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ReleaseLock(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Takes the lock for this release, or renews it if this release already holds it.
     *
     * @return true if this release holds the lock now; false if another release holds an unexpired lease
     */
    public boolean acquire(String service, String releaseId, String executionId, Instant now, Duration lease) {
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            PK, AttributeValue.fromS(service),
                            SK, AttributeValue.fromS(LOCK),
                            "holder", AttributeValue.fromS(releaseId),
                            "executionId", AttributeValue.fromS(executionId),
                            "leaseExpiresAt", AttributeValue.fromN(Long.toString(now.plus(lease).getEpochSecond())),
                            "acquiredAt", AttributeValue.fromS(now.toString())))
                    .conditionExpression("attribute_not_exists(pk) OR holder = :me OR leaseExpiresAt <= :now")
                    .expressionAttributeValues(Map.of(
                            ":me", AttributeValue.fromS(releaseId),
                            ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /**
     * Extends this release's lease.
     *
     * @throws ReleaseLockLostException if another release holds the lock (this one's lease ran out and was taken)
     */
    public void renew(String service, String releaseId, Instant now, Duration lease) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(key(service))
                    .updateExpression("SET leaseExpiresAt = :until")
                    .conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(
                            ":me", AttributeValue.fromS(releaseId),
                            ":until", AttributeValue.fromN(Long.toString(now.plus(lease).getEpochSecond())))));
        } catch (ConditionalCheckFailedException lost) {
            throw new ReleaseLockLostException(service, releaseId, holder(service));
        }
    }

    /** Releases the lock if this release holds it; does nothing otherwise, so it is safe to repeat. */
    public void release(String service, String releaseId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(key(service))
                    .conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(releaseId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // already released, or held by another release: nothing of ours to release
        }
    }

    public Optional<Holder> holder(String service) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(service))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Holder(item.get("holder").s(), item.get("executionId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get("leaseExpiresAt").n()))));
    }

    private static Map<String, AttributeValue> key(String service) {
        return Map.of(PK, AttributeValue.fromS(service), SK, AttributeValue.fromS(LOCK));
    }
}
