package dev.greenlight.statemachine.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Simulated time for tests: sleeping moves the clock forward at once, so a 15-minute bake takes no
 * real time. A task "takes" time by sleeping on this timer; if it sleeps past its timeout the engine
 * sees a timeout, as it would on AWS.
 */
public final class VirtualTimer implements Timer {

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
        synchronized (this) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }
    }

    /** Moves the clock forward, as if {@code duration} had passed. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public <T> T callWithTimeout(Callable<T> task, Duration timeout) throws Exception {
        Instant start = now();
        T result = task.call();
        if (timeout != null && now().isAfter(start.plus(timeout))) {
            throw new TimeoutException("task ran for longer than " + timeout.toSeconds() + " s");
        }
        return result;
    }
}
