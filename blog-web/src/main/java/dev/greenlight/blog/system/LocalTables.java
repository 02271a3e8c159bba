package dev.greenlight.blog.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.greenlight.blog.BlogProperties;
import dev.greenlight.blog.account.SignInTable;
import dev.greenlight.blog.post.PostTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import java.time.Duration;

/** Locally, creates the posts and sign-ins tables at start if missing. On AWS Terraform owns them and this is off. */
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
        create(PostTable.createRequest(config.postsTable(), config.feedIndex()));
        create(SignInTable.createRequest(config.signInsTable()));
    }

    private void create(CreateTableRequest table) {
        try {
            dynamoDb.createTable(table);
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                    .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))))
                    .build()) {
                waiter.waitUntilTableExists(b -> b.tableName(table.tableName()));
            }
            log.info("Created table {}", table.tableName());
        } catch (ResourceInUseException exists) {
            log.debug("Table {} exists", table.tableName());
        }
    }
}
