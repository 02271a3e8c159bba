package dev.greenlight.statemachine.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The intrinsic functions, with the examples of the Step Functions documentation. */
class IntrinsicsTest {

    private final Intrinsics intrinsics = new Intrinsics(() -> UUID.fromString("ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8"), new Random(3));

    private static final JsonNode INPUT = Json.parse("""
            {"firstName": "John", "lastName": "Doe", "someString": "{\\"number\\": 20}",
             "someJson": {"name": "Foo", "year": 2020}, "inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5,
             "dupes": [1, 2, 3, 3, 3, 3, 3, 3, 4], "Id": 123456,
             "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}""");

    private JsonNode eval(String expression) {
        return intrinsics.evaluate(expression, new PathRoots(INPUT, Json.object(), Json.object()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName) | \"Welcome to John Doe's playlist.\"",
            "States.Format('literal \\{} and {}', 3)                     | \"literal {} and 3\"",
            "States.StringToJson($.someString)                           | {\"number\": 20}",
            "States.JsonToString($.someJson)                             | \"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"",
            "States.Array('Foo', 2020, $.Id)                             | [\"Foo\", 2020, 123456]",
            "States.ArrayPartition($.inputArray, 4)                      | [[1, 2, 3, 4], [5, 6, 7, 8], [9]]",
            "States.ArrayContains($.inputArray, 5)                       | true",
            "States.ArrayRange(1, 9, 2)                                  | [1, 3, 5, 7, 9]",
            "States.ArrayGetItem($.inputArray, $.index)                  | 6",
            "States.ArrayLength($.inputArray)                            | 9",
            "States.ArrayUnique($.dupes)                                 | [1, 2, 3, 4]",
            "States.Base64Encode('Data to encode')                       | \"RGF0YSB0byBlbmNvZGU=\"",
            "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')                 | \"Data to encode\"",
            "States.Hash('input data', 'SHA-1')                          | \"aaff4a450a104cd177d28d18d74485e8cae074b7\"",
            "States.JsonMerge($.json1, $.json2, false)                   | {\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}",
            "States.MathAdd(111, -1)                                     | 110",
            "States.MathAdd(States.ArrayLength($.inputArray), -1)        | 8",
            "States.StringSplit('1,2,3,4,5', ',')                        | [\"1\", \"2\", \"3\", \"4\", \"5\"]",
            "States.StringSplit('This.is+a,test=string', '.+,=')         | [\"This\", \"is\", \"a\", \"test\", \"string\"]",
            "States.UUID()                                               | \"ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8\""})
    void documentedExamples(String expression, String expected) {
        assertThat(JsonValues.sameValue(eval(expression), Json.parse(expected))).as(eval(expression).toString()).isTrue();
    }

    @Test
    void format_writesObjectsAndArraysAsStepFunctionsPrintsThem() {
        // members in their order, `name=value`, strings inside unquoted, numbers, booleans and null as JSON
        assertThat(eval("States.Format('{}', $.someJson)").asString()).isEqualTo("{name=Foo, year=2020}");
        assertThat(eval("States.Format('got {} and {}', $.json1, States.Array('x', true, null, 1.5))").asString())
                .isEqualTo("got {a={a1=1, a2=2}, b=2} and [x, true, null, 1.5]");
        assertThat(eval("States.Format('[{}]{}', States.Array(), States.StringToJson('{}'))").asString())
                .isEqualTo("[[]]{}");
        assertThat(eval("States.Format('{}', States.Array('', 'a', ''))").asString()).isEqualTo("[, a, ]");
    }

    @Test
    void mathRandomStaysInItsRange_andASeedMakesItRepeatable() {
        for (int i = 0; i < 50; i++) {
            assertThat(eval("States.MathRandom(1, 999)").asInt()).isBetween(1, 998);
        }
        assertThat(eval("States.MathRandom(1, 999, 42)")).isEqualTo(eval("States.MathRandom(1, 999, 42)"));
    }

    @Test
    void standardUuidsAreVersionFour() {
        String uuid = Intrinsics.standard().evaluate("States.UUID()", new PathRoots(Json.object(), Json.object(), Json.object())).asString();

        assertThat(UUID.fromString(uuid).version()).isEqualTo(4);
    }

    @Test
    void failuresNameTheFunction() {
        assertThatThrownBy(() -> eval("States.ArrayGetItem($.inputArray, 9)")).isInstanceOf(IntrinsicException.class)
                .hasMessageContaining("States.ArrayGetItem").hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> eval("States.Format('{} {}', 1)")).hasMessageContaining("placeholders");
        assertThatThrownBy(() -> eval("States.MathAdd(2147483647, 1)")).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> eval("States.StringToJson($.firstName)")).isInstanceOf(IntrinsicException.class);
        assertThatThrownBy(() -> eval("States.Hash('x', 'SHA-3')")).hasMessageContaining("algorithm");
        assertThatThrownBy(() -> eval("States.Nope()")).hasMessageContaining("unknown intrinsic function States.Nope");
        assertThatThrownBy(() -> eval("States.Format('x'")).isInstanceOf(IntrinsicException.class);
    }
}
