package dev.greenlight.blog.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.greenlight.blog.BlogProperties;
import dev.greenlight.blog.post.PostTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import java.time.Duration;

/** Locally, creates the posts table at start if it is missing. On AWS Terraform owns the table and this is off. */
@Component
class LocalTables {

    private static final Logger log = LoggerFactory.getLogger(LocalTables.class);

    private final DynamoDbClient dynamoDb;
    private final BlogProperties.Dynamodb config;

    LocalTables(DynamoDbClient dynamoDb, BlogProperties properties) {
        this.dynamoDb = dynamoDb;
        this.config = properties.dynamodb();
    }

    @EventListener(ApplicationStartedEvent.class)
    void createMissingTables() {
        if (!config.createTables()) {
            return;
        }
        try {
            dynamoDb.createTable(PostTable.createRequest(config.postsTable(), config.feedIndex()));
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                    .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))))
                    .build()) {
                waiter.waitUntilTableExists(b -> b.tableName(config.postsTable()));
            }
            log.info("Created table {}", config.postsTable());
        } catch (ResourceInUseException exists) {
            log.debug("Table {} exists", config.postsTable());
        }
    }
}
