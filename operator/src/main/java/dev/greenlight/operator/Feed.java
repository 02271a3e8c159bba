package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One thing the console shows, read from AWS at most once an interval however many pages show it: a poll runs while
 * at least one page follows it and stops when the last one leaves or the thing has ended. Pages wait for a version
 * newer than the one they showed.
 *
 * @param <T> what is read
 */
final class Feed<T> {

    /** How the value is read, and when reading it again can change nothing. */
    interface Source<T> {
        T read();

        boolean ended(T value);
    }

    /**
     * A value as read, numbered so a page can tell it has shown it.
     *
     * @param version increases whenever the value changes
     * @param value   the value; null until it was read once
     * @param error   why the last read failed, or null
     * @param ended   true when the value can no longer change
     */
    record Snapshot<T>(long version, T value, String error, boolean ended) {
    }

    private final Source<T> source;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private Snapshot<T> snapshot = new Snapshot<>(0, null, null, false);
    private Instant readAt = Instant.EPOCH;
    private int followers;
    private ScheduledFuture<?> poll;

    Feed(Source<T> source, Duration interval, ScheduledExecutorService scheduler) {
        this.source = source;
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** The value, read now unless it was read within the interval or can no longer change. */
    synchronized Snapshot<T> current() {
        if (!snapshot.ended() && Duration.between(readAt, Instant.now()).compareTo(interval) >= 0) {
            refresh();
        }
        return snapshot;
    }

    /** The next {@link #current} reads again: something changed that the page should show at once. */
    synchronized void invalidate() {
        readAt = Instant.EPOCH;
    }

    /** A page follows the value: polling runs from now until the last follower leaves. */
    synchronized void follow() {
        followers++;
        if (poll == null && !snapshot.ended()) {
            poll = scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    synchronized void leave() {
        followers--;
        if (followers <= 0) {
            followers = 0;
            stop();
        }
    }

    /** Waits until the value is newer than {@code version}, the value has ended, or {@code timeout} passed. */
    synchronized Snapshot<T> await(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshot.version() <= version && !snapshot.ended()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return snapshot;
    }

    synchronized int followers() {
        return followers;
    }

    private synchronized void poll() {
        if (!snapshot.ended()) {
            refresh();
        }
        if (snapshot.ended()) {
            stop();
        }
    }

    private void refresh() {
        readAt = Instant.now();
        Snapshot<T> next;
        try {
            T value = source.read();
            boolean changed = !Objects.equals(value, snapshot.value()) || snapshot.error() != null;
            next = new Snapshot<>(changed ? snapshot.version() + 1 : snapshot.version(), value, null,
                    value != null && source.ended(value));
        } catch (RuntimeException e) {
            // an unreachable endpoint or a refused request: keep the last value and say why it is not fresh
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            next = new Snapshot<>(Objects.equals(error, snapshot.error()) ? snapshot.version() : snapshot.version() + 1,
                    snapshot.value(), error, false);
        }
        if (next.version() != snapshot.version() || next.ended() != snapshot.ended()) {
            snapshot = next;
            notifyAll();
        }
    }

    private void stop() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        notifyAll();
    }
}
