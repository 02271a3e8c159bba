package dev.greenlight.blog.system;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.blog.BlogProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What readiness checks besides the application's own state: both tables answer, and no rehearsal fault. */
@Configuration(proxyBeanMethods = false)
class ReadinessHealth {

    @Bean
    HealthIndicator dynamoDbHealthIndicator(DynamoDbClient dynamoDb, BlogProperties properties) {
        List<String> tables = List.of(properties.dynamodb().postsTable(), properties.dynamodb().signInsTable());
        return () -> {
            try {
                for (String table : tables) {
                    String status = dynamoDb.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
                    if (!"ACTIVE".equals(status) && !"UPDATING".equals(status)) {
                        return Health.down().withDetail("table", table + " " + status).build();
                    }
                }
                return Health.up().build();
            } catch (SdkException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Bean
    HealthIndicator rehearsalFaultHealthIndicator(BlogProperties properties) {
        boolean down = properties.faults().readinessDown();
        return () -> down ? Health.down().withDetail("fault", "readiness-down").build() : Health.up().build();
    }
}
