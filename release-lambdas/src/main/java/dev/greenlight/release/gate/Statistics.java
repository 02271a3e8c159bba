package dev.greenlight.release.gate;

/** Confidence bounds for error rates, as the gate uses them. */
final class Statistics {

    private Statistics() {
    }

    /** Wilson score interval lower bound of successes/n at z. */
    static double wilsonLower(long successes, long n, double z) {
        return wilson(successes, n, z, -1);
    }

    /** Wilson score interval upper bound of successes/n at z. */
    static double wilsonUpper(long successes, long n, double z) {
        return wilson(successes, n, z, +1);
    }

    /**
     * Lower confidence bound of p1 - p2 by Newcombe's hybrid score method (his method 10): the difference of
     * the observed rates, less the combined distances to the Wilson bounds that matter for a lower bound.
     */
    static double differenceLowerBound(long x1, long n1, long x2, long n2, double z) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double l1 = wilsonLower(x1, n1, z);
        double u2 = wilsonUpper(x2, n2, z);
        return p1 - p2 - Math.sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    }

    private static double wilson(long successes, long n, double z, int sign) {
        if (n == 0) {
            return sign < 0 ? 0 : 1;
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.min(1, Math.max(0, (centre + sign * spread) / denominator));
    }

    /** The z with P(Z <= z) = confidence for a standard normal Z (Acklam's rational approximation, |error| < 1.2e-9). */
    static double oneSidedZ(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1: " + confidence);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        double p = confidence;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
