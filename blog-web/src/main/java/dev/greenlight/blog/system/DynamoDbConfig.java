package dev.greenlight.blog.system;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.blog.BlogProperties;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The one DynamoDB client of the process, built from configuration. */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfig {

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(BlogProperties properties) {
        BlogProperties.Dynamodb dynamodb = properties.dynamodb();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        if (dynamodb.endpoint() != null) {
            builder.endpointOverride(dynamodb.endpoint());
        }
        if (dynamodb.region() != null && !dynamodb.region().isBlank()) {
            builder.region(Region.of(dynamodb.region()));
        }
        return builder.build();
    }
}
