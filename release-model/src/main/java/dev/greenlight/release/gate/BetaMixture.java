package dev.greenlight.release.gate;

/**
 * Robbins' beta-binomial mixture for one stream of requests, each an event (a 5xx, a slow answer) or not.
 *
 * <p>After n requests with x events, for a rate p,
 * <pre>
 *   M(p) = ∫ θ^x (1-θ)^(n-x) Beta(dθ; a, b) / (p^x (1-p)^(n-x)) = B(a + x, b + n - x) / (B(a, b) · p^x (1-p)^(n-x))
 * </pre>
 * is a likelihood ratio of "some rate drawn from Beta(a, b)" against "rate p". If the requests really are events
 * with probability p, M(p) is a nonnegative martingale starting at 1, so by Ville's inequality
 * P(M(p) ever reaches 1/α) ≤ α, however often and whenever it is looked at. The prior (a, b) does not affect that
 * guarantee, only where the test is sharpest: near its mean a / (a + b).
 *
 */
final class BetaMixture {

    private final double a;
    private final double b;
    private final double logBetaOfPrior;

    /**
     * @param a the prior's first shape parameter
     * @param b the prior's second shape parameter
     */
    BetaMixture(double a, double b) {
        if (!(a > 0 && b > 0)) {
            throw new IllegalArgumentException("a beta prior needs a > 0 and b > 0, not " + a + ", " + b);
        }
        this.a = a;
        this.b = b;
        this.logBetaOfPrior = Special.logBeta(a, b);
    }

    double a() {
        return a;
    }

    double b() {
        return b;
    }

    /** A prior of shape a whose mean is {@code mean}, kept inside (0, 1). */
    static BetaMixture centredOn(double mean, double a) {
        double m = Math.min(1 - 1e-9, Math.max(1e-9, mean));
        return new BetaMixture(a, a * (1 - m) / m);
    }

    /** log M(p) after the requests of {@code tally}; +∞ where p is impossible (p = 0 with events, p = 1 without). */
    double logValue(Tally tally, double p) {
        long x = tally.events();
        long n = tally.requests();
        double logMarginal = Special.logBeta(a + x, b + n - x) - logBetaOfPrior;
        double logLikelihood;
        if (p <= 0) {
            if (x > 0) {
                return Double.POSITIVE_INFINITY;
            }
            logLikelihood = 0;
        } else if (p >= 1) {
            if (x < n) {
                return Double.POSITIVE_INFINITY;
            }
            logLikelihood = 0;
        } else {
            // log1p only where log(1 - p) would lose digits: it is several times slower
            logLikelihood = x * Math.log(p) + (n - x) * (p < 1e-4 ? Math.log1p(-p) : Math.log(1 - p));
        }
        return logMarginal - logLikelihood;
    }

    /** d/dp log M(p) = -x/p + (n - x)/(1 - p): log M is convex in p, smallest at the observed rate x/n. */
    static double slope(Tally tally, double p) {
        long x = tally.events();
        long n = tally.requests();
        double down = x == 0 ? 0 : p <= 0 ? Double.NEGATIVE_INFINITY : -x / p;
        double up = x == n ? 0 : p >= 1 ? Double.POSITIVE_INFINITY : (n - x) / (1 - p);
        return down + up;
    }

    /** d²/dp² log M(p) = x/p² + (n - x)/(1 - p)², positive: log M is convex. */
    static double curvature(Tally tally, double p) {
        long x = tally.events();
        long n = tally.requests();
        double down = x == 0 ? 0 : x / (p * p);
        double up = x == n ? 0 : (n - x) / ((1 - p) * (1 - p));
        return down + up;
    }
}
