package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.greenlight.release.ReleaseProperties;

/** The name walk agrees with Spring's binder, and names nothing for a misspelt variable. */
class RelaxedBindingTest {

    private final ReleaseProperties bound = RelaxedBinding.bind(Map.of(
            "GREENLIGHT_CLUSTER", "c",
            "GREENLIGHT_SLOTS_B_TARGET_GROUP_ARN", "tg-b",
            "GREENLIGHT_TASK_SUBNETS", "s1,s2",
            "GREENLIGHT_LISTENERARN", "l"), "greenlight", ReleaseProperties.class, null);

    @Test
    void knownNames_reachTheValueSpringBound() {
        assertThat(value("GREENLIGHT_CLUSTER")).isEqualTo("c");
        assertThat(value("GREENLIGHT_SLOTS_B_TARGET_GROUP_ARN")).isEqualTo("tg-b");
        assertThat(value("GREENLIGHT_TASK_SUBNETS")).isEqualTo(List.of("s1", "s2"));
        assertThat(value("GREENLIGHT_LISTENERARN")).isEqualTo("l");
        assertThat(value("GREENLIGHT_LISTENER_ARN")).isEqualTo("l");
    }

    @Test
    void misspeltOrPartialNames_reachNothing() {
        for (String name : List.of("GREENLIGHT_CLUSTR", "GREENLIGHT_SLOTS_B", "GREENLIGHT_TASK", "GREENLIGHT_TASK_SUBNET",
                "GREENLIGHT_SLOTS_B_TARGET_GROUP", "BLOG_CLUSTER", "GREENLIGHT_LISTENER_ARN_X")) {
            assertThat(RelaxedBinding.valueAt(bound, ReleaseProperties.class, name, "greenlight")).as(name).isEmpty();
        }
    }

    private Object value(String name) {
        return RelaxedBinding.valueAt(bound, ReleaseProperties.class, name, "greenlight").orElseThrow();
    }
}
