package dev.greenlight.statemachine.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSONPath as used by Step Functions: the ASL spec's examples and the filter forms AWS accepts. */
class JsonPathTest {

    private static final JsonNode SPEC_INPUT = Json.parse("""
            {"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}}""");

    private static final JsonNode STORE = Json.parse("""
            {"store": {"book": [
              {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
              {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
              {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
              {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}],
              "bicycle": {"color": "red", "price": 19.95}}}""");

    private static JsonNode eval(String path, JsonNode data) {
        return JsonPath.parse(path).evaluate(new PathRoots(data, Json.object(), Json.object()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$.foo      | 123",
            "$.bar      | [\"a\", \"b\", \"c\"]",
            "$.car.cdr  | true",
            "$.bar[1]   | \"b\"",
            "$['car']['cdr'] | true",
            "$          | {\"foo\": 123, \"bar\": [\"a\", \"b\", \"c\"], \"car\": {\"cdr\": true}}"})
    void specExamples_referencePaths(String path, String expected) {
        assertThat(eval(path, SPEC_INPUT)).isEqualTo(Json.parse(expected));
        assertThat(JsonPath.parse(path).isReferencePath()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
            "$.store.book[*].author            -> [\"Nigel Rees\", \"Evelyn Waugh\", \"Herman Melville\", \"J. R. R. Tolkien\"]",
            "$..author                         -> [\"Nigel Rees\", \"Evelyn Waugh\", \"Herman Melville\", \"J. R. R. Tolkien\"]",
            "$.store..price                    -> [8.95, 12.99, 8.99, 22.99, 19.95]",
            "$..book[2].title                  -> [\"Moby Dick\"]",
            "$..book[-1:].title                -> [\"The Lord of the Rings\"]",
            "$..book[0,1].title                -> [\"Sayings of the Century\", \"Sword of Honour\"]",
            "$..book[:2].title                 -> [\"Sayings of the Century\", \"Sword of Honour\"]",
            "$..book[?(@.isbn)].title          -> [\"Moby Dick\", \"The Lord of the Rings\"]",
            "$..book[?(@.price < 10)].title    -> [\"Sayings of the Century\", \"Moby Dick\"]",
            "$.store.book[?(@.category == 'fiction' && @.price > 20)].author -> [\"J. R. R. Tolkien\"]",
            "$.store.book[?(@.author =~ 'H.*' || @.price == 8.95)].title     -> [\"Sayings of the Century\", \"Moby Dick\"]",
            "$.store.book[?(!(@.price > 9))].price                           -> [8.95, 8.99]",
            "$.store.book[?(@.price > $.store.bicycle.price)].title          -> [\"The Lord of the Rings\"]",
            "$.store.bicycle.*                 -> [\"red\", 19.95]",
            "$.store.book[1:4:2].title         -> [\"Sword of Honour\", \"The Lord of the Rings\"]",
            "$.store.book[?(@.isbn != null)].isbn -> [\"0-553-21311-3\", \"0-395-19395-8\"]"})
    void indefinitePathsGiveAnArrayOfMatches(String path, String expected) {
        JsonPath parsed = JsonPath.parse(path);

        assertThat(parsed.isDefinite()).isFalse();
        assertThat(JsonValues.sameValue(eval(path, STORE), Json.parse(expected))).as(eval(path, STORE).toString()).isTrue();
    }

    @Test
    void namesMayHoldHyphens_asEventBridgeFieldsDo() {
        JsonNode event = Json.parse("{\"detail-type\": \"ECR Image Action\", \"detail\": {\"image-digest\": \"sha256:1\"}}");

        assertThat(eval("$.detail.image-digest", event).asString()).isEqualTo("sha256:1");
        assertThat(eval("$['detail-type']", event).asString()).isEqualTo("ECR Image Action");
    }

    @Test
    void aDefinitePathThatSelectsNothingFails_anIndefiniteOneGivesAnEmptyArray() {
        assertThatThrownBy(() -> eval("$.nope", SPEC_INPUT)).isInstanceOf(JsonPathException.class).hasMessageContaining("$.nope");
        assertThat(eval("$.bar[?(@ == 'z')]", SPEC_INPUT)).isEqualTo(Json.array());
    }

    @Test
    void contextPathsReadTheContextObject() {
        JsonNode context = Json.parse("{\"Execution\": {\"Id\": \"arn:x\"}}");

        assertThat(JsonPath.parse("$$.Execution.Id").evaluate(new PathRoots(Json.object(), context, Json.object())).asString()).isEqualTo("arn:x");
    }

    @Test
    void aDollarFollowedByALetterStartsFromThatVariable() {
        JsonNode variables = Json.parse("{\"order\": {\"items\": [\"tea\", \"cake\"]}, \"café\": 1}");
        PathRoots roots = new PathRoots(Json.parse("{\"order\": \"data\"}"), Json.object(), variables);

        assertThat(JsonPath.parse("$order.items[1]").evaluate(roots).asString()).isEqualTo("cake");
        assertThat(JsonPath.parse("$café").evaluate(roots).asInt()).isEqualTo(1);
        assertThat(JsonPath.parse("$.order").evaluate(roots).asString()).isEqualTo("data");
        assertThat(JsonPath.parse("$order").variable()).isEqualTo("order");
        assertThatThrownBy(() -> JsonPath.parse("$unset").evaluate(roots)).isInstanceOf(JsonPathException.class);
        assertThatThrownBy(() -> JsonPath.parse("$_x")).isInstanceOf(JsonPathException.class);
    }

    @Test
    void setWritesAtAReferencePath() {
        JsonNode out = JsonPath.parse("$.car.cdr").set(SPEC_INPUT, Json.text("x"));

        assertThat(out.get("car").get("cdr").asString()).isEqualTo("x");
        assertThat(SPEC_INPUT.get("car").get("cdr").asBoolean()).as("the input is not changed").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo", "$.", "$[", "$.a[?(@.b <)]", "$.a[1", "$['a'", "@.a"})
    void rejectsInvalidSyntax(String path) {
        assertThat(JsonPath.isValid(path)).isFalse();
    }
}
