package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Body;
import dev.greenlight.release.store.ReleasesTable;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The tables Terraform creates have the shape the code creates locally: PostTable, SignInTable and ReleasesTable. */
class TablesTest {

    private final Scope data = Repo.rootScope().child("data");

    @Test
    void postsTable_isTheBlogsTable() throws Exception {
        Block posts = data.module().resource("aws_dynamodb_table", "posts");
        String feedIndex = (String) Evaluator.eval(posts.body().block("global_secondary_index").body().attribute("name"), data);
        CreateTableRequest expected = (CreateTableRequest) BlogSources.load("dev.greenlight.blog.post.PostTable")
                .getMethod("createRequest", String.class, String.class).invoke(null, "BlogPosts", feedIndex);

        assertSameTable(posts, expected);
        GlobalSecondaryIndex index = expected.globalSecondaryIndexes().get(0);
        Body gsi = posts.body().block("global_secondary_index").body();
        assertThat(feedIndex).isEqualTo(index.indexName());
        assertThat(string(gsi, "hash_key")).isEqualTo(key(index.keySchema(), KeyType.HASH));
        assertThat(string(gsi, "range_key")).isEqualTo(key(index.keySchema(), KeyType.RANGE));
        assertThat(string(gsi, "projection_type")).isEqualTo(index.projection().projectionTypeAsString());
        assertThat(Evaluator.eval(gsi.attribute("non_key_attributes"), data))
                .asList().containsExactlyInAnyOrderElementsOf(index.projection().nonKeyAttributes());
        assertThat(posts.body().blocks("global_secondary_index")).hasSize(expected.globalSecondaryIndexes().size());
    }

    @Test
    void signInsTable_isTheBlogsTable() throws Exception {
        Block signIns = data.module().resource("aws_dynamodb_table", "sign_ins");
        CreateTableRequest expected = (CreateTableRequest) BlogSources.load("dev.greenlight.blog.account.SignInTable")
                .getMethod("createRequest", String.class).invoke(null, "BlogSignIns");

        assertThat(signIns.body().attributes()).doesNotContainKey("range_key");
        assertThat(expected.keySchema()).hasSize(1);
        assertThat(string(signIns.body(), "hash_key")).isEqualTo(key(expected.keySchema(), KeyType.HASH));
        assertThat(string(signIns.body(), "billing_mode")).isEqualTo(expected.billingModeAsString());
        assertThat(signIns.body().blocks("attribute")).singleElement().satisfies(a -> {
            assertThat(string(a.body(), "name")).isEqualTo(expected.attributeDefinitions().get(0).attributeName());
            assertThat(string(a.body(), "type")).isEqualTo(expected.attributeDefinitions().get(0).attributeTypeAsString());
        });
    }

    @Test
    void releasesTable_isTheReleaseFunctionsTable() {
        assertSameTable(data.module().resource("aws_dynamodb_table", "releases"), ReleasesTable.createRequest("Releases"));
    }

    /** The blog's defaults are the table and index Terraform names; the release uses the Releases table it is given. */
    @Test
    void tableNames_matchWhatTheCodeExpects() throws Exception {
        Object defaults = RelaxedBinding.bind(Map.of(), "blog", BlogSources.load("dev.greenlight.blog.BlogProperties"), null);
        Object dynamodb = defaults.getClass().getMethod("dynamodb").invoke(defaults);
        assertThat(Evaluator.eval(data.module().resource("aws_dynamodb_table", "posts").body().attribute("name"), data))
                .isEqualTo(dynamodb.getClass().getMethod("postsTable").invoke(dynamodb));
        assertThat(Evaluator.eval(data.module().resource("aws_dynamodb_table", "posts").body()
                .block("global_secondary_index").body().attribute("name"), data))
                .isEqualTo(dynamodb.getClass().getMethod("feedIndex").invoke(dynamodb));
        assertThat(Evaluator.eval(data.module().resource("aws_dynamodb_table", "sign_ins").body().attribute("name"), data))
                .isEqualTo(dynamodb.getClass().getMethod("signInsTable").invoke(dynamodb));
    }

    @Test
    void everyTable_isOnDemand_encrypted_withPointInTimeRecovery() {
        for (Block table : data.module().resources("aws_dynamodb_table")) {
            assertThat(string(table.body(), "billing_mode")).as(table.where()).isEqualTo("PAY_PER_REQUEST");
            assertThat(Evaluator.eval(table.body().block("point_in_time_recovery").body().attribute("enabled"), data)).isEqualTo(true);
            assertThat(Evaluator.eval(table.body().block("server_side_encryption").body().attribute("enabled"), data)).isEqualTo(true);
        }
    }

    private void assertSameTable(Block table, CreateTableRequest expected) {
        assertThat(string(table.body(), "billing_mode")).isEqualTo(expected.billingModeAsString());
        assertThat(string(table.body(), "hash_key")).isEqualTo(key(expected.keySchema(), KeyType.HASH));
        assertThat(string(table.body(), "range_key")).isEqualTo(key(expected.keySchema(), KeyType.RANGE));
        Map<String, String> attributes = table.body().blocks("attribute").stream().collect(Collectors.toMap(
                a -> string(a.body(), "name"), a -> string(a.body(), "type")));
        Map<String, String> expectedAttributes = expected.attributeDefinitions().stream().collect(Collectors.toMap(
                a -> a.attributeName(), a -> a.attributeTypeAsString()));
        assertThat(attributes).as(table.where()).isEqualTo(expectedAttributes);
    }

    private static String key(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName).findFirst().orElseThrow();
    }

    private String string(Body body, String attribute) {
        return (String) Evaluator.eval(body.attribute(attribute), data);
    }
}
