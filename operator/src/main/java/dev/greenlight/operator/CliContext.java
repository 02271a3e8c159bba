package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What one run of the CLI is given, for its commands.
 *
 * @param env           the environment: GREENLIGHT_* and AWS_* variables
 * @param out           where a command prints what it shows
 * @param clock         the time, for push's default tag
 * @param watchInterval how long watch waits between frames
 * @param terminal      true when out is a terminal: watch then redraws in place
 */
record CliContext(Map<String, String> env, PrintStream out, Clock clock, Duration watchInterval, boolean terminal) {
}
