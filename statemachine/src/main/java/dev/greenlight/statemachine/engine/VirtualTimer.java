package dev.greenlight.statemachine.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Simulated time for tests: sleeping moves the clock forward at once, so a 15-minute bake takes no
 * real time. A task "takes" time by sleeping on this timer; a task that would sleep past its timeout
 * is cut off exactly at the timeout, as AWS would. All threads share one clock and each sleep moves it
 * forward, so time inside concurrent Parallel branches or Map iterations only approximates real overlap.
 */
public final class VirtualTimer implements Timer {

    /** Thrown inside a task that sleeps past its timeout; turned into a TimeoutException. */
    private static final class CutOff extends RuntimeException {
        CutOff() {
            super(null, null, false, false);
        }
    }

    private final ThreadLocal<Instant> taskDeadline = new ThreadLocal<>();
    private Instant now;

    public VirtualTimer(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Instant deadline = taskDeadline.get();
        boolean cutOff = deadline != null && instant.isAfter(deadline);
        moveTo(cutOff ? deadline : instant);
        if (cutOff) {
            throw new CutOff();
        }
    }

    /** Moves the clock forward, as if {@code duration} had passed. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    private synchronized void moveTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public <T> T callWithTimeout(Callable<T> task, Duration timeout) throws Exception {
        Instant previous = taskDeadline.get();
        if (timeout != null) {
            taskDeadline.set(now().plus(timeout));
        }
        try {
            return task.call();
        } catch (CutOff e) {
            throw new TimeoutException("task ran for longer than " + timeout.toSeconds() + " s");
        } finally {
            taskDeadline.set(previous);
        }
    }
}
