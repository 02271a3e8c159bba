package dev.greenlight.statemachine.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real time: the wall clock, real sleeps, and task timeouts enforced on a worker thread. */
public final class SystemTimer implements Timer {

    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "asl-task");
        thread.setDaemon(true);
        return thread;
    });

    public SystemTimer(Clock clock) {
        this.clock = clock;
    }

    public SystemTimer() {
        this(Clock.systemUTC());
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    @Override
    public <T> T callWithTimeout(Callable<T> task, Duration timeout) throws Exception {
        if (timeout == null) {
            return task.call();
        }
        Future<T> future = workers.submit(task);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            future.cancel(true);
        }
    }
}
