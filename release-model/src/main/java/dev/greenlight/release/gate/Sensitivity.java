package dev.greenlight.release.gate;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;

/** Searches over a power function: how many requests, or how large an effect, reach a target power. */
public final class Sensitivity {

    /** Beyond this many green requests the gate calls an effect out of reach. */
    public static final long MAX_REQUESTS = 1_000_000_000L;

    private Sensitivity() {
    }

    /**
     * How many green requests beyond {@code current} the power function needs to reach {@code target}; 0 when it
     * already does, {@link #MAX_REQUESTS} when no realistic number does.
     */
    static long moreRequests(LongToDoubleFunction power, double target, long current) {
        if (power.applyAsDouble(current) >= target) {
            return 0;
        }
        long low = current;
        long high = Math.max(16, current * 2);
        while (power.applyAsDouble(high) < target) {
            low = high;
            high *= 2;
            if (high > MAX_REQUESTS) {
                return MAX_REQUESTS;
            }
        }
        // power is not strictly monotone in n (counts are whole numbers); the bisection still lands within a few
        // requests of the first n that reaches the target
        while (high - low > Math.max(1, low / 200)) {
            long mid = low + (high - low) / 2;
            if (power.applyAsDouble(mid) >= target) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high - current;
    }

    /**
     * The smallest effect in [{@code low}, {@code high}] whose power reaches {@code target}; NaN when even
     * {@code high} does not. Power grows with the effect.
     */
    static double smallestEffect(DoubleUnaryOperator power, double target, double low, double high) {
        if (power.applyAsDouble(high) < target) {
            return Double.NaN;
        }
        double lo = low;
        double hi = high;
        for (int i = 0; i < 40 && hi - lo > 2e-3 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (power.applyAsDouble(mid) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
