package dev.greenlight.statemachine.definition;

import java.util.List;

/** A definition that Step Functions would refuse; carries every problem found, not just the first. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("invalid state machine definition:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
