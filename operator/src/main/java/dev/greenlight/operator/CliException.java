package dev.greenlight.operator;

/** Ends a command with an exit code and one line for the operator saying what to fix or what happened. */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Invalid input, or nothing to act on: exit 1. */
    static CliException invalid(String message) {
        return new CliException(GreenlightCli.INVALID, message);
    }

    int exitCode() {
        return exitCode;
    }
}
