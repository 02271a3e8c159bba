package dev.greenlight.release.gate;

/**
 * An anytime-valid test that green's event rate (5xx, or requests slower than a threshold) is higher than allowed:
 * above blue's by more than a margin, or, without blue, above a fixed limit.
 *
 * <h2>The test</h2>
 * Green's and blue's requests are two independent streams of events with rates pG and pB. For each there is a
 * {@link BetaMixture} martingale, MG(p) and MB(q); their product MG(pG)·MB(pB) is again a nonnegative martingale
 * starting at 1 (the streams are independent), so by Ville's inequality
 * <pre>
 *   C = { (p, q) : log MG(p) + log MB(q) < log(1/α) }
 * </pre>
 * contains the true (pG, pB) at every look at once with probability at least 1 - α: a confidence sequence
 * (Robbins 1970; Howard, Ramdas, McAuliffe, Sekhon 2021). The test rejects "pG - pB ≤ m" when C holds no pair
 * with p - q ≤ m. Both log-mixtures are convex, so the smallest value over that half-plane lies on its edge
 * p = q + m (unless the observed rates are already inside it) and one line search finds it:
 * <pre>
 *   E(m) = min over q of [ log MG(q + m) + log MB(q) ];   reject when E(m) ≥ log(1/α)
 * </pre>
 * Looking again after every request, or at any chosen moments, keeps the false-rejection probability at α: no
 * correction for the number of looks is needed, which is what lets the gate look at every poll of a bake and
 * again after every extension. The same construction with q fixed gives the one-sample test against a limit.
 *
 * <p>The anytime lower confidence bound of pG - pB is the smallest d still in C: the root of E(d) = log(1/α)
 * below the observed difference.
 *
 * <h2>Power</h2>
 * {@link #power} is the probability that a single look at the given counts rejects, if the true rates are the
 * given ones: for blue counts at five Gauss–Hermite points of their normal approximation, the smallest number of
 * green events that rejects is found by bisection and its exact binomial tail taken. A sequential test that
 * looked earlier too can only have rejected more often, so this is a lower bound on the chance of having caught
 * the effect by then.
 */
final class RateExcess {

    private static final double[] HERMITE_NODES = {-2.8569700138728056, -1.3556261799742657, 0, 1.3556261799742657,
        2.8569700138728056};
    private static final double[] HERMITE_WEIGHTS = {0.011257411327720689, 0.2220759220056126, 0.5333333333333333,
        0.2220759220056126, 0.011257411327720689};

    private final BetaMixture greenPrior;
    private final BetaMixture bluePrior;
    private final double alpha;
    private final double threshold;

    /**
     * @param greenPrior the mixture over green's rate; sharpest near the rate the gate must catch
     * @param bluePrior  the mixture over blue's rate; sharpest near blue's usual rate
     * @param alpha      the chance of rejecting, at any look, when green is within the margin
     */
    RateExcess(BetaMixture greenPrior, BetaMixture bluePrior, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be strictly between 0 and 1, not " + alpha);
        }
        this.greenPrior = greenPrior;
        this.bluePrior = bluePrior;
        this.alpha = alpha;
        this.threshold = Math.log(1 / alpha);
    }

    double alpha() {
        return alpha;
    }

    /** log(1/α): the evidence needed to reject. */
    double threshold() {
        return threshold;
    }

    // --- two samples: green against blue ---

    /** The evidence E(m) against "green's rate exceeds blue's by at most m" (in nats). */
    double evidence(Tally green, Tally blue, double margin) {
        if (green.rate() - blue.rate() <= margin) {
            return greenPrior.logValue(green, green.rate()) + bluePrior.logValue(blue, blue.rate());
        }
        return onEdge(green, blue, margin);
    }

    /** Whether green's rate exceeds blue's by more than {@code margin}, at confidence 1 - α over all looks. */
    boolean exceeds(Tally green, Tally blue, double margin) {
        return green.rate() - blue.rate() > margin && onEdge(green, blue, margin) >= threshold;
    }

    /** The anytime lower confidence bound of green's rate minus blue's; -1 without green requests. */
    double lowerBound(Tally green, Tally blue) {
        double observed = green.rate() - blue.rate();
        if (green.requests() == 0) {
            return -1;
        }
        double low = -1;
        double high = observed;
        if (onEdge(green, blue, low) < threshold) {
            return low;
        }
        for (int i = 0; i < 100 && high - low > 1e-12; i++) {
            double mid = 0.5 * (low + high);
            if (onEdge(green, blue, mid) >= threshold) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * min over q of log MG(q + d) + log MB(q). The function is convex in q, so Newton's method on its slope finds the
     * minimum, kept inside a bracket that bisection narrows whenever a Newton step would leave it.
     */
    private double onEdge(Tally green, Tally blue, double d) {
        double low = Math.max(0, -d);
        double high = Math.min(1, 1 - d);
        double edge = (high - low) * 1e-12;
        if (BetaMixture.slope(green, low + edge + d) + BetaMixture.slope(blue, low + edge) >= 0) {
            return greenPrior.logValue(green, low + d) + bluePrior.logValue(blue, low);
        }
        if (BetaMixture.slope(green, high - edge + d) + BetaMixture.slope(blue, high - edge) <= 0) {
            return greenPrior.logValue(green, high + d) + bluePrior.logValue(blue, high);
        }
        long n = green.requests() + blue.requests();
        double pooled = n == 0 ? 0.5 : (green.events() + blue.events() - green.requests() * d) / n;
        double q = Math.min(high - (high - low) * 1e-9, Math.max(low + (high - low) * 1e-9, pooled));
        for (int i = 0; i < 100; i++) {
            double slope = BetaMixture.slope(green, q + d) + BetaMixture.slope(blue, q);
            if (slope > 0) {
                high = q;
            } else {
                low = q;
            }
            double curvature = BetaMixture.curvature(green, q + d) + BetaMixture.curvature(blue, q);
            double next = q - slope / curvature;
            if (!(next > low && next < high)) {
                next = 0.5 * (low + high);
            }
            double step = Math.abs(next - q);
            q = next;
            if (step <= 1e-13 * Math.max(q, 1e-300) || high - low <= 1e-15 * Math.max(q, 1e-300)) {
                break;
            }
        }
        return greenPrior.logValue(green, q + d) + bluePrior.logValue(blue, q);
    }

    // --- one sample: green against a fixed limit ---

    /** The evidence against "green's rate is at most {@code limit}" (in nats). */
    double evidence(Tally green, double limit) {
        return green.rate() <= limit ? greenPrior.logValue(green, green.rate()) : greenPrior.logValue(green, limit);
    }

    /** Whether green's rate is above {@code limit}, at confidence 1 - α over all looks. */
    boolean exceeds(Tally green, double limit) {
        return green.rate() > limit && greenPrior.logValue(green, limit) >= threshold;
    }

    /** The anytime lower confidence bound of green's rate. */
    double lowerBound(Tally green) {
        double low = 0;
        double high = green.rate();
        if (green.events() == 0 || greenPrior.logValue(green, low) < threshold) {
            return 0;
        }
        for (int i = 0; i < 100 && high - low > 1e-14; i++) {
            double mid = 0.5 * (low + high);
            if (greenPrior.logValue(green, mid) >= threshold) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    // --- power ---

    /**
     * The chance that a look at {@code greenRequests} and {@code blueRequests} rejects "pG - pB ≤ margin" when the
     * true rates are {@code greenRate} and {@code blueRate}.
     */
    double power(long greenRequests, double greenRate, long blueRequests, double blueRate, double margin) {
        if (greenRequests == 0) {
            return 0;
        }
        double mean = blueRequests * blueRate;
        double sd = Math.sqrt(blueRequests * blueRate * (1 - blueRate));
        double power = 0;
        long guess = guess(greenRequests, blueRate + margin);
        for (int i = 0; i < HERMITE_NODES.length; i++) {
            long blueEvents = Math.max(0, Math.min(blueRequests, Math.round(mean + HERMITE_NODES[i] * sd)));
            Tally blue = new Tally(blueEvents, blueRequests);
            long critical = smallestRejecting(greenRequests, guess,
                    x -> exceeds(new Tally(x, greenRequests), blue, margin));
            guess = critical;
            power += HERMITE_WEIGHTS[i] * Special.binomialAtLeast(critical, greenRequests, greenRate);
        }
        return power;
    }

    /** The chance that a look at {@code greenRequests} rejects "pG ≤ limit" when green's true rate is {@code greenRate}. */
    double power(long greenRequests, double greenRate, double limit) {
        if (greenRequests == 0) {
            return 0;
        }
        long critical = smallestRejecting(greenRequests, guess(greenRequests, limit),
                x -> exceeds(new Tally(x, greenRequests), limit));
        return Special.binomialAtLeast(critical, greenRequests, greenRate);
    }

    /** Where the smallest rejecting count roughly is: the null's mean plus a few of its standard deviations. */
    private long guess(long n, double nullRate) {
        double rate = Math.min(1, Math.max(0, nullRate));
        return Math.min(n, Math.round(n * rate + Math.sqrt(2 * threshold * n * rate * (1 - rate)) + threshold));
    }

    /**
     * The smallest green event count that rejects, or n + 1 when none does (rejection grows with the count):
     * galloping from {@code guess} to a bracket, then bisection.
     */
    private static long smallestRejecting(long n, long guess, java.util.function.LongPredicate rejects) {
        if (!rejects.test(n)) {
            return n + 1;
        }
        long start = Math.max(0, Math.min(n, guess));
        long low;
        long high;
        if (rejects.test(start)) {
            high = start;
            long step = 1;
            low = start - step;
            while (low >= 0 && rejects.test(low)) {
                high = low;
                step *= 2;
                low = high - step;
            }
            low = Math.max(-1, low);
        } else {
            low = start;
            long step = 1;
            high = Math.min(n, start + step);
            while (!rejects.test(high)) {
                low = high;
                step *= 2;
                high = Math.min(n, low + step);
            }
        }
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (rejects.test(mid)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }
}
