package dev.greenlight.statemachine.release;

import dev.greenlight.statemachine.definition.DefinitionValidator;
import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** release.asl.json as a file: valid JSON with its placeholders, safe for Terraform's templatefile. */
class ReleaseDefinitionTest {

    private final String text = ReleaseHarness.releaseDefinitionText();

    @Test
    void isValidJsonAsWritten_andNamesTheDocumentedFunctions() {
        Json.parse(text);

        assertThat(Placeholders.names(text)).containsExactlyInAnyOrder("PrepareFunctionArn", "DeployGreenFunctionArn",
                "CheckGreenHealthFunctionArn", "SmokeTestFunctionArn", "VerifyTrafficFunctionArn", "ShiftTrafficFunctionArn",
                "CheckControlsFunctionArn", "EvaluateGateFunctionArn", "FinishReleaseFunctionArn", "RollBackFunctionArn",
                "AbandonReleaseFunctionArn");
    }

    @Test
    void theJarCarriesTheFilesTerraformDeploys_asTheyAreInTheCheckout() throws Exception {
        Path root = ReleaseHarness.root().resolve("statemachine");

        assertThat(ReleaseFiles.definition()).isEqualTo(Files.readString(root.resolve("release.asl.json")));
        assertThat(ReleaseFiles.ecrPushPattern())
                .isEqualTo(Files.readString(root.resolve("ecr-push.pattern.json")));
    }

    @Test
    void templatefileSeesOnlyThePlaceholders() {
        // templatefile treats every ${...} and %{...} as template syntax; ASL's own $ and $$ paths must not look like it
        Matcher interpolation = Pattern.compile("[$%]\\{([^}]*)}").matcher(text);
        List<String> sequences = new ArrayList<>();
        while (interpolation.find()) {
            sequences.add(interpolation.group());
        }
        assertThat(sequences).allMatch(sequence -> sequence.matches("\\$\\{[A-Za-z]+FunctionArn}"));
        assertThat(text).doesNotContain("%{");
    }

    @Test
    void everyTaskResourceIsAPlaceholder_andTheFilledDefinitionIsValid() {
        JsonNode states = Json.parse(text).get("States");
        states.forEach(state -> {
            if (state.get("Type").asString().equals("Task")) {
                assertThat(state.get("Resource").asString()).matches("\\$\\{[A-Za-z]+FunctionArn}");
            }
        });
        assertThat(DefinitionValidator.validate(ReleaseHarness.releaseMachine().definition())).isEmpty();
    }

    @Test
    void stateNamesAreWrittenForOperators() {
        List<String> names = new ArrayList<>(Json.parse(text).get("States").propertyNames());

        assertThat(names).hasSizeGreaterThan(30).noneMatch(name -> name.matches("(?i)(task|state|step|pass|choice|wait)\\s*\\d+"));
        assertThat(names).allMatch(name -> Character.isUpperCase(name.charAt(0)) && name.contains(" ") || name.equals("Bake")
                || name.equals("Released"));
    }
}
