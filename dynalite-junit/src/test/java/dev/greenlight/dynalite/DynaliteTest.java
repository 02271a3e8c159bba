package dev.greenlight.dynalite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynaliteTest {

    private static final CreateTableRequest TABLE = CreateTableRequest.builder()
            .tableName("Things")
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
            .build();

    @Test
    void start_listensOnLoopbackAndStopsWhenClosed() {
        try (Dynalite dynalite = Dynalite.start(Dynalite.repositoryRoot())) {
            assertThat(dynalite.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(dynalite.endpoint().getPort()).isPositive();

            dynalite.recreate(TABLE);
            dynalite.client().putItem(b -> b.tableName("Things").item(Map.of("id", AttributeValue.fromS("a"))));
            assertThat(dynalite.client().scan(b -> b.tableName("Things")).count()).isEqualTo(1);

            dynalite.close();
            assertThat(dynalite.isRunning()).isFalse();
        }
    }

    @Test
    void recreate_emptiesAnExistingTable() {
        Dynalite dynalite = Dynalite.shared();
        dynalite.recreate(TABLE);
        dynalite.client().putItem(b -> b.tableName("Things").item(Map.of("id", AttributeValue.fromS("a"))));

        dynalite.recreate(TABLE);

        assertThat(dynalite.client().scan(b -> b.tableName("Things")).count()).isZero();
    }

    @Test
    void shared_isOneServerPerJvm() {
        assertThat(Dynalite.shared()).isSameAs(Dynalite.shared());
        assertThat(Dynalite.shared().isRunning()).isTrue();
    }
}
