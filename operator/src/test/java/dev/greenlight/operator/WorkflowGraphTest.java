package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WorkflowGraphTest {

    private static final JsonNode DEFINITION = JsonMapper.builder().build()
            .readTree(read(Path.of("../statemachine/release.asl.json")));
    private static final WorkflowGraph GRAPH = WorkflowGraph.layout(DEFINITION);

    @Test
    void layout_drawsEveryStateOnceWithoutOverlaps() {
        Set<String> names = GRAPH.boxes().stream().map(WorkflowGraph.Box::name).collect(Collectors.toSet());
        assertThat(names).isEqualTo(DEFINITION.path("States").propertyNames());
        List<WorkflowGraph.Box> boxes = GRAPH.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(overlap(boxes.get(i), boxes.get(j)))
                        .as(boxes.get(i).name() + " and " + boxes.get(j).name()).isFalse();
            }
        }
    }

    @Test
    void layout_drawsEveryTransitionFromItsStateToItsTarget() {
        Map<String, WorkflowGraph.Box> boxes = GRAPH.boxes().stream()
                .collect(Collectors.toMap(WorkflowGraph.Box::name, b -> b));
        long transitions = DEFINITION.path("States").properties().stream()
                .mapToLong(state -> WorkflowGraph.successors(state.getValue()).size()).sum();
        assertThat(GRAPH.lines()).hasSize((int) transitions);
        for (WorkflowGraph.Line line : GRAPH.lines()) {
            double[] start = line.points().get(0);
            double[] end = line.points().get(line.points().size() - 1);
            assertThat(touches(boxes.get(line.from()), start)).as("start of " + line.from() + " -> " + line.to()).isTrue();
            assertThat(touches(boxes.get(line.to()), end)).as("end of " + line.from() + " -> " + line.to()).isTrue();
        }
    }

    @Test
    void svg_marksVisitedCurrentAndTakenTransitions() {
        WorkflowRun run = WorkflowRun.of(List.of(entered(1, "Prepare release"), exited(2, "Prepare release"),
                entered(3, "Route prepared release"), exited(4, "Route prepared release"),
                entered(5, "Deploy green")), "RUNNING");

        String svg = GRAPH.svg(run);

        assertThat(svg).contains("class=\"state task visited\" data-state=\"Prepare release\"")
                .contains("class=\"state task visited current\" data-state=\"Deploy green\"")
                .contains("class=\"state task\" data-state=\"Roll back\"");
        assertThat(run.took("Route prepared release", "Deploy green")).isTrue();
        assertThat(svg.split("class=\"edge taken\"", -1)).hasSize(3);
    }

    @Test
    void svg_marksTheStateAFailedExecutionEndedIn() {
        WorkflowRun run = WorkflowRun.of(List.of(entered(1, "Roll back"), exited(2, "Roll back"),
                entered(3, "Release rolled back")), "FAILED");

        assertThat(run.current()).isNull();
        assertThat(GRAPH.svg(run)).contains("class=\"state fail visited failed\" data-state=\"Release rolled back\"");
    }

    @Test
    void layout_refusesADefinitionWithoutStates() {
        assertThatThrownBy(() -> WorkflowGraph.layout(JsonMapper.builder().build().readTree("{\"StartAt\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no States");
    }

    @Test
    void svg_escapesStateNames() {
        WorkflowGraph graph = WorkflowGraph.layout(JsonMapper.builder().build()
                .readTree("{\"StartAt\":\"<a>\",\"States\":{\"<a>\":{\"Type\":\"Succeed\"}}}"));
        assertThat(graph.svg(WorkflowRun.NONE)).contains("data-state=\"&lt;a&gt;\"").doesNotContain("<a>");
    }

    private static boolean overlap(WorkflowGraph.Box a, WorkflowGraph.Box b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    private static boolean touches(WorkflowGraph.Box box, double[] point) {
        double slack = 1.0;
        return point[0] >= box.x() - slack && point[0] <= box.x() + box.width() + slack
                && point[1] >= box.y() - slack && point[1] <= box.y() + box.height() + slack;
    }

    private static HistoryEvent entered(long id, String name) {
        return HistoryEvent.builder().id(id).timestamp(Instant.ofEpochSecond(id)).type("TaskStateEntered")
                .stateEnteredEventDetails(d -> d.name(name).input("{}")).build();
    }

    private static HistoryEvent exited(long id, String name) {
        return HistoryEvent.builder().id(id).timestamp(Instant.ofEpochSecond(id)).type("TaskStateExited")
                .stateExitedEventDetails(d -> d.name(name).output("{}")).build();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
