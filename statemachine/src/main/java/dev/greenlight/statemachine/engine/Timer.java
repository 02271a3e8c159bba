package dev.greenlight.statemachine.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * The engine's only source of time. Wait states, retry delays and task timeouts all go through it,
 * so tests use {@link VirtualTimer} and never sleep.
 */
public interface Timer {

    Instant now();

    /** Blocks until {@code instant}; returns at once if it has passed. */
    void sleepUntil(Instant instant) throws InterruptedException;

    /**
     * Runs {@code task}, giving up after {@code timeout} (null for no limit).
     *
     * @throws TimeoutException when the task did not finish in time
     */
    <T> T callWithTimeout(Callable<T> task, Duration timeout) throws Exception;
}
