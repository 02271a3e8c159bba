package dev.greenlight.localcloud.elb;

import java.util.concurrent.atomic.AtomicInteger;

/** A registered target (ip:port) of a target group, with its health, draining deadline and in-flight count. */
final class Target {

    final String id;
    final int port;
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile TargetState state = TargetState.REGISTERING;
    private volatile long drainDeadlineNanos;
    private int consecutiveSuccesses;
    private int consecutiveFailures;
    private long nextCheckNanos;
    private boolean checking;

    Target(String id, int port) {
        this.id = id;
        this.port = port;
    }

    TargetState state() {
        return state;
    }

    boolean isDraining() {
        return state == TargetState.DRAINING;
    }

    /** Starts deregistration; the target gets no new requests from now on. */
    void drain(long deadlineNanos) {
        this.drainDeadlineNanos = deadlineNanos;
        this.state = TargetState.DRAINING;
    }

    /** Whether deregistration is complete: the delay has passed or nothing is in flight any more. */
    boolean drained(long nowNanos) {
        return isDraining() && (inFlight.get() == 0 || nowNanos - drainDeadlineNanos >= 0);
    }

    synchronized boolean checkDue(long nowNanos) {
        if (checking || isDraining() || nowNanos - nextCheckNanos < 0) {
            return false;
        }
        checking = true;
        return true;
    }

    /** Applies one health-check result and schedules the next check. */
    synchronized void recordCheck(boolean passed, TargetState failure, HealthCheckSettings settings, long nextCheckNanos) {
        this.checking = false;
        this.nextCheckNanos = nextCheckNanos;
        if (isDraining()) {
            return;
        }
        if (passed) {
            consecutiveFailures = 0;
            consecutiveSuccesses++;
            if (consecutiveSuccesses >= settings.healthyThreshold()) {
                state = TargetState.HEALTHY;
            } else if (state == TargetState.REGISTERING) {
                state = TargetState.INITIAL_CHECKING;
            }
        } else {
            consecutiveSuccesses = 0;
            consecutiveFailures++;
            if (consecutiveFailures >= settings.unhealthyThreshold()) {
                state = failure;
            } else if (state == TargetState.REGISTERING) {
                state = TargetState.INITIAL_CHECKING;
            }
        }
    }

    @Override
    public String toString() {
        return id + ":" + port + " " + state.state();
    }
}
