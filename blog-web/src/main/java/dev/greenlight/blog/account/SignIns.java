package dev.greenlight.blog.account;

import static dev.greenlight.blog.account.SignInTable.AUTHOR;
import static dev.greenlight.blog.account.SignInTable.EPOCH;
import static dev.greenlight.blog.account.SignInTable.FAILURES;
import static dev.greenlight.blog.account.SignInTable.RETRY_AT;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What every instance must agree on about an author's sign-ins, kept in DynamoDB rather than in any instance's
 * memory: the sign-out epoch and the failed attempts.
 *
 * <p>A sign-in cookie names the epoch it was issued in and is honoured only while that is still the author's
 * epoch; signing out moves to the next one, so it ends every sign-in of that author on every instance at once.
 * Reading it costs one strongly consistent GetItem (one read unit) per request that carries a valid cookie.
 *
 * <p>Failed sign-ins slow down guessing: the first {@value #FREE_ATTEMPTS} attempts are free, then each must wait
 * twice as long as the one before, from one second up to {@link #LONGEST_WAIT}, until a good password resets the
 * count. An attempt is counted before its password is checked, by a write conditional on the count it read, so
 * guesses sent in parallel, to one instance or to many, cannot share one allowance.
 */
class SignIns {

    static final int FREE_ATTEMPTS = 5;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    SignIns(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** The author's current epoch: 0 until their first sign-out. */
    long epoch(String author) {
        return number(read(author), EPOCH);
    }

    /** Ends every sign-in of the author, on every instance. */
    void signOut(String author) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(author))
                .updateExpression("ADD #epoch :one")
                .expressionAttributeNames(Map.of("#epoch", EPOCH))
                .expressionAttributeValues(Map.of(":one", n(1))));
    }

    /**
     * Counts one sign-in attempt, or says how long the author must wait before the next. Empty means the attempt
     * may go on to check the password.
     */
    Optional<Duration> claimAttempt(String author) {
        Map<String, AttributeValue> item = read(author);
        long failures = number(item, FAILURES);
        long now = clock.millis();
        long retryAt = number(item, RETRY_AT);
        if (now < retryAt) {
            return Optional.of(Duration.ofMillis(retryAt - now));
        }
        long counted = failures + 1;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":counted", n(counted), ":retry", n(now + waitAfter(counted).toMillis())));
        if (failures > 0) {
            values.put(":read", n(failures));
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(author))
                    .updateExpression("SET #failures = :counted, #retry = :retry")
                    .conditionExpression(failures == 0 ? "attribute_not_exists(#failures)" : "#failures = :read")
                    .expressionAttributeNames(Map.of("#failures", FAILURES, "#retry", RETRY_AT))
                    .expressionAttributeValues(values));
            return Optional.empty();
        } catch (ConditionalCheckFailedException concurrentAttempt) {
            return Optional.of(Duration.ofSeconds(1));
        }
    }

    /** A good password: the author's next attempts are free again. */
    void succeeded(String author) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(author))
                .updateExpression("REMOVE #failures, #retry")
                .expressionAttributeNames(Map.of("#failures", FAILURES, "#retry", RETRY_AT)));
    }

    /** How long the attempt after {@code failures} counted ones must wait. */
    static Duration waitAfter(long failures) {
        if (failures < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        Duration doubled = Duration.ofSeconds(1L << Math.min(failures - FREE_ATTEMPTS, 10));
        return doubled.compareTo(LONGEST_WAIT) < 0 ? doubled : LONGEST_WAIT;
    }

    private Map<String, AttributeValue> read(String author) {
        return dynamoDb.getItem(b -> b.tableName(table).key(key(author)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(String author) {
        return Map.of(AUTHOR, AttributeValue.fromS(author));
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
