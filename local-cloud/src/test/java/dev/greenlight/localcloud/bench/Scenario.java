package dev.greenlight.localcloud.bench;

import java.util.SplittableRandom;

/**
 * A simulated release's versions: blue, as the blog answers at steady state, and green, which is blue with one
 * change and always a cold start. Response times are a mixture of two log-normals with the same median, fitted to
 * the real blog's under 60 requests a second on the local system; green is slower while it warms up, by a factor
 * that falls with the requests each of its tasks has served, fitted to the measured warm-up of a freshly started
 * blog serving 10% of 60 requests a second (its median about 50x blue's at its first requests, 2x after 100,
 * 1.5x after 750, 1.3x after 2,500, 1.15x after 5,000).
 *
 * @param name   how the benchmark names it
 * @param kind   what differs in green
 * @param effect how much: added 5xx rate, median ratio, added milliseconds, or how much longer the warm-up lasts
 */
record Scenario(String name, Kind kind, double effect) {

    /** What green changes. */
    enum Kind {
        /** Nothing but the cold start. */
        SAME,
        /** Nothing but a cold start that lasts {@code effect} times as many requests as the measured one. */
        SLOW_WARMUP,
        /** A higher 5xx rate: blue's plus {@code effect}. */
        ERRORS,
        /** Every response {@code effect} times slower. */
        SLOWER,
        /** Every response {@code effect} milliseconds slower. */
        ADDED_MS,
        /** Only the slowest responses slower: p99 {@code effect} times blue's, the median and p95 unchanged. */
        TAIL
    }

    /**
     * The blog as measured.
     *
     * @param errorRate  blue's 5xx rate
     * @param medianMs   blue's median response time
     * @param sigma      the spread of most responses (log of p84 / p50)
     * @param tailShare  the share of responses from a wider log-normal of the same median
     * @param tailSigma  its spread
     */
    record Baseline(double errorRate, double medianMs, double sigma, double tailShare, double tailSigma) {
    }

    /**
     * How much slower a blog JVM answers after serving {@code served} requests since it started: a sum of
     * decaying terms fitted to the measured warm-up (first requests, the first tens, the first thousands).
     */
    static double coldFactor(double served) {
        return 1 + 80 * Math.exp(-served / 1.5) + 0.70 * Math.exp(-served / 446) + 0.52 * Math.exp(-served / 5_090);
    }

    private static final double Z95 = 1.6448536269514729;
    private static final double Z99 = 2.3263478740408408;

    /** Blue's response time, in seconds. */
    static double blueSeconds(Baseline base, SplittableRandom random) {
        return base.medianMs() * Math.exp(spread(base, random) * random.nextGaussian()) / 1000;
    }

    private static double spread(Baseline base, SplittableRandom random) {
        return random.nextDouble() < base.tailShare() ? base.tailSigma() : base.sigma();
    }

    static boolean blueError(Baseline base, SplittableRandom random) {
        return random.nextDouble() < base.errorRate();
    }

    /** Green's response time, in seconds, after the green task answering it has served {@code served} requests. */
    double greenSeconds(Baseline base, SplittableRandom random, double served) {
        double ms = base.medianMs() * Math.exp(spread(base, random) * random.nextGaussian());
        ms = switch (kind) {
            case SAME, SLOW_WARMUP, ERRORS -> ms;
            case SLOWER -> ms * effect;
            case ADDED_MS -> ms + effect;
            case TAIL -> ms * tailFactor(base, ms);
        };
        return ms * coldFactor(kind == Kind.SLOW_WARMUP ? served / effect : served) / 1000;
    }

    /**
     * For the tail scenario: 1 up to blue's p95, then rising (geometrically in the normal score of the response's
     * rank in blue's distribution) to {@code effect} at p99 and beyond, so green's p99 is {@code effect} times blue's
     * and its median and p95 are blue's.
     */
    private double tailFactor(Baseline base, double ms) {
        double score = Math.log(ms / base.medianMs());
        double rank = (1 - base.tailShare()) * normal(score / base.sigma()) + base.tailShare()
                * normal(score / base.tailSigma());
        if (rank <= 0.95) {
            return 1;
        }
        double z = rank >= 1 - 1e-12 ? Z99 + 1 : inverseNormal(rank);
        return Math.pow(effect, Math.min(1, (z - Z95) / (Z99 - Z95)));
    }

    private static double normal(double z) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
    }

    private static double inverseNormal(double p) {
        return Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfInv(2 * p - 1);
    }

    boolean greenError(Baseline base, SplittableRandom random) {
        return random.nextDouble() < base.errorRate() + (kind == Kind.ERRORS ? effect : 0);
    }
}
