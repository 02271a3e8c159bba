package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation of workflow variables: where Assign may stand, variable names, and references to variables. */
class VariableRulesTest {

    private static final String TASK = "\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:f\"";

    private static List<String> problems(String states) {
        return DefinitionValidator.validate(Json.parse("{\"StartAt\": \"A\", \"States\": {" + states + "}}"));
    }

    @Test
    void acceptsAssignWhereverTheSpecificationAllowsIt_andReferencesToAssignedVariables() {
        assertThat(problems("""
                "A": {"Type": "Pass", "Assign": {"a": 1, "b.$": "$.b", "ctx.$": "$$.Execution.Id", "sum.$": "States.MathAdd($.n, 1)",
                      "nested": {"c.$": "$.c"}}, "Next": "B"},
                "B": {%s, "Parameters": {"a.$": "$a", "c.$": "$b.c[0]"}, "Assign": {"r.$": "$"}, "Next": "C",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Cause"}, "Next": "F"}]},
                "C": {"Type": "Wait", "SecondsPath": "$a", "Assign": {"waited": true}, "Next": "D"},
                "D": {"Type": "Choice", "Choices": [{"Variable": "$r", "IsPresent": true, "Assign": {"d": 1}, "Next": "E"}],
                      "Default": "E", "Assign": {"d": 2}},
                "E": {"Type": "Parallel", "Assign": {"out.$": "$[0]"}, "Next": "M",
                      "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$a"}, "End": true}}}]},
                "M": {"Type": "Map", "ItemsPath": "$out", "Assign": {"all.$": "$"}, "End": true,
                      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"inner": 1}, "End": true}}}},
                "F": {"Type": "Fail", "ErrorPath": "$err", "Cause": "failed"}""".formatted(TASK))).isEmpty();
    }

    @Test
    void rejectsAssignInSucceedFailAndNestedChoiceRules() {
        assertThat(problems("""
                "A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsPresent": true, "Assign": {"a": 1}}, "Next": "S"}],
                      "Default": "F"},
                "S": {"Type": "Succeed", "Assign": {"a": 1}},
                "F": {"Type": "Fail", "Assign": {"a": 1}}""")).containsExactlyInAnyOrder(
                "/States/A/Choices/0/Not/Assign: is only allowed on a state, a top-level Choice rule or a catcher",
                "/States/S/Assign: is not a field of a Succeed state",
                "/States/F/Assign: is not a field of a Fail state");
    }

    @Test
    void rejectsInvalidVariableNames_andAnAssignThatIsNotAnObject() {
        assertThat(problems("""
                "A": {"Type": "Pass", "Assign": {"_hidden": 1, "9lives": 2, "has-dash": 3, "states": 4, "%s": 5, "twice": 6,
                      "twice.$": "$.x", "café": 7}, "Next": "B"},
                "B": {"Type": "Pass", "Assign": [1], "End": true}""".formatted("v".repeat(81)))).containsExactlyInAnyOrder(
                "/States/A/Assign/_hidden: a variable name must start with a Unicode letter and go on with letters, digits or connectors",
                "/States/A/Assign/9lives: a variable name must start with a Unicode letter and go on with letters, digits or connectors",
                "/States/A/Assign/has-dash: a variable name must start with a Unicode letter and go on with letters, digits or connectors",
                "/States/A/Assign/states: 'states' is reserved",
                "/States/A/Assign/" + "v".repeat(81) + ": a variable name must be at most 80 characters",
                "/States/A/Assign/twice.$: assigns 'twice' a second time",
                "/States/B/Assign: must be a JSON object");
    }

    @Test
    void rejectsReferencesToVariablesNoScopeAssigns_andVariablesInResultPath() {
        assertThat(problems("""
                "A": {"Type": "Pass", "Parameters": {"v.$": "$never"}, "ResultPath": "$x", "Next": "B"},
                "B": {"Type": "Parallel", "Next": "C", "Branches": [{"StartAt": "P",
                      "States": {"P": {"Type": "Pass", "Assign": {"x": 1, "onlyInside": 2}, "End": true}}}]},
                "C": {"Type": "Choice", "Choices": [{"Variable": "$onlyInside", "IsPresent": true, "Next": "D"}], "Default": "D"},
                "D": {"Type": "Wait", "SecondsPath": "$missing.seconds", "End": true}""")).containsExactlyInAnyOrder(
                "/States/A/Parameters/v.$: variable 'never' is not assigned in this scope or an enclosing one",
                "/States/A/ResultPath: must point into the state's data ($), not a variable or the context object",
                "/States/C/Choices/0/Variable: variable 'onlyInside' is not assigned in this scope or an enclosing one",
                "/States/D/SecondsPath: variable 'missing' is not assigned in this scope or an enclosing one");
    }
}
