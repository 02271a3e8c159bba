package dev.greenlight.release.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A plan override that cannot be read is reported in the plan's terms, as an operator reads it. */
class PlanOverrideTest {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"steps": 5}                          | plan field steps must be a list of whole numbers
            {"steps": ["a"]}                      | plan field steps[0] must be a whole number
            {"bakeSeconds": {}}                   | plan field bakeSeconds must be a list of whole numbers
            {"terminationWaitSeconds": "soon"}    | plan field terminationWaitSeconds must be a whole number
            {"gate": 1}                           | plan field gate must be an object of plan fields
            {"gate": {"confidence": "high"}}      | plan field gate.confidence must be a number
            {"gate": {"latencyQuantiles": [{}]}}  | plan field gate.latencyQuantiles[0] must be a number
            {"gate": {"preflight": []}}           | plan field gate.preflight must be true or false
            {"inconclusivePolicy": "MAYBE"}       | plan field inconclusivePolicy must be one of PROCEED, ROLLBACK, PAUSE
            {"pauseTimeoutAction": 3.5}           | plan field pauseTimeoutAction must be one of PROCEED, ROLLBACK
            """)
    void aWronglyTypedField_isNamed_withWhatItMustBe(String json, String problem) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> STRICT.readValue(json, PlanOverride.class));

        assertThat(PlanOverride.problem(e)).isEqualTo(problem).doesNotContain("java", "Integer", "`");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"bake": [1]}               | plan field bake is not a field of a plan; it has steps, bakeSeconds,
            {"gate": {"confidance": 1}} | plan field gate.confidance is not a field of a plan; it has objective,
            """)
    void anUnknownField_isNamed_withTheFieldsThereAre(String json, String problem) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> STRICT.readValue(json, PlanOverride.class));

        assertThat(PlanOverride.problem(e)).startsWith(problem);
    }
}
