package dev.greenlight.localcloud.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The order the local system's parts stop in, whether it ran or failed to start half-way. */
class ShutdownTest {

    private final List<String> stopped = new ArrayList<>();

    @Test
    void close_stopsTheLastStartedFirst() {
        Shutdown shutdown = new Shutdown();
        shutdown.add(part("dynalite client"));
        shutdown.add(part("local cloud"));
        shutdown.add(part("control API"));

        shutdown.close();

        assertThat(stopped).containsExactly("control API", "local cloud", "dynalite client");
    }

    @Test
    void close_stopsTheOthers_whenOneCannotStop() {
        Shutdown shutdown = new Shutdown();
        shutdown.add(part("local cloud"));
        shutdown.add(() -> {
            throw new IllegalStateException("port already closed");
        });
        shutdown.add(part("control API"));

        shutdown.close();

        assertThat(stopped).containsExactly("control API", "local cloud");
    }

    @Test
    void close_again_stopsNothingTwice() {
        Shutdown shutdown = new Shutdown();
        shutdown.add(part("local cloud"));
        shutdown.close();

        shutdown.close();

        assertThat(stopped).containsExactly("local cloud");
    }

    @Test
    void add_returnsThePart() {
        AutoCloseable part = part("local cloud");

        assertThat(new Shutdown().add(part)).isSameAs(part);
    }

    private AutoCloseable part(String name) {
        return () -> stopped.add(name);
    }
}
