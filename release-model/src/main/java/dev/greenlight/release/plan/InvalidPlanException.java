package dev.greenlight.release.plan;

import java.util.List;

/** The release plan cannot be followed; nothing has been changed. The message lists every problem. */
public class InvalidPlanException extends RuntimeException {

    private final List<String> problems;

    public InvalidPlanException(List<String> problems) {
        super("Invalid release plan: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
