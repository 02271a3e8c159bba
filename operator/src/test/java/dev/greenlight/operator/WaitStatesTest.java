package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WaitStatesTest {

    @Test
    void everyWaitStateOfTheReleaseDefinition_isKnownWithItsSecondsPath() throws Exception {
        JsonNode states = JsonMapper.builder().build()
                .readTree(Files.readString(root().resolve("statemachine/release.asl.json"))).get("States");
        Map<String, String> waits = new HashMap<>();
        states.properties().forEach(state -> {
            if ("Wait".equals(state.getValue().path("Type").asString())) {
                waits.put(state.getKey(), state.getValue().path("SecondsPath").asString());
            }
        });

        Map<String, String> known = new HashMap<>();
        WaitStates.RELEASE.forEach((name, wait) -> known.put(name, wait.secondsPath()));
        assertThat(known).isEqualTo(waits);
    }

    @Test
    void aHoldsStartAndLength_areWhatTheCheckAfterItsWaitReads() throws Exception {
        JsonNode states = JsonMapper.builder().build()
                .readTree(Files.readString(root().resolve("statemachine/release.asl.json"))).get("States");

        WaitStates.RELEASE.forEach((name, wait) -> {
            if (wait.sincePath() != null) {
                JsonNode check = states.get(states.get(name).path("Next").asString()).path("Parameters");
                assertThat(check.path("since.$").asString()).as(name).isEqualTo(wait.sincePath());
                assertThat(check.path("holdSeconds.$").asString()).as(name).isEqualTo(wait.holdPath());
            }
        });
        assertThat(WaitStates.RELEASE.values()).filteredOn(w -> w.sincePath() != null).hasSize(3);
    }

    private static Path root() {
        String configured = System.getProperty("greenlight.root");
        return configured == null || configured.isBlank() ? Path.of("..").toAbsolutePath().normalize()
                : Path.of(configured);
    }
}
