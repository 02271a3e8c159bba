package dev.greenlight.statemachine.definition;

import java.util.ArrayList;
import java.util.List;

/** Collects validation problems, each prefixed with where in the definition it is. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String where, String what) {
        found.add(where + ": " + what);
    }

    List<String> all() {
        return List.copyOf(found);
    }
}
