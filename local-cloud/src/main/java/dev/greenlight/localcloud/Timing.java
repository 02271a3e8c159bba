package dev.greenlight.localcloud;

import java.time.Duration;

/**
 * How long one second of AWS configuration lasts locally.
 *
 * <p>AWS validates health-check intervals (5–300 s), deregistration delays and stop timeouts in
 * whole seconds. The stand-ins accept exactly what AWS accepts and then run those durations
 * scaled by {@code awsSecond}, so tests can keep AWS-valid settings and still finish quickly
 * (e.g. {@code awsSecond = 200 ms} turns a 5 s health-check interval into 1 s). What bounds the application
 * itself is not scaled, because the application does not run faster: a health check's timeout stays as many
 * real seconds as AWS's, so a cold JVM on a busy machine is not failed for an answer AWS would have taken.
 */
public record Timing(Duration awsSecond) {

    public static final Timing REAL = new Timing(Duration.ofSeconds(1));

    public Timing {
        if (awsSecond.isNegative() || awsSecond.isZero()) {
            throw new IllegalArgumentException("awsSecond must be positive: " + awsSecond);
        }
    }

    /** A duration AWS expresses in seconds, as it runs locally. */
    public Duration seconds(long awsSeconds) {
        return awsSecond.multipliedBy(awsSeconds);
    }
}
