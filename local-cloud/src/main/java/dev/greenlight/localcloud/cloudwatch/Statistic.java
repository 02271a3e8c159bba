package dev.greenlight.localcloud.cloudwatch;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch statistic: Sum, Average, SampleCount, Minimum, Maximum, a percentile such as p99, or a percentile
 * rank such as PR(:0.3) or PR(0.1:2).
 *
 * <p>As CloudWatch defines them: a percentile pN is the value with N percent of the period's data at or below it
 * (nearest rank); a percentile rank PR(n:m) is the percentage of the period's data points with a value above n and
 * at most m: the lower bound is exclusive, the upper inclusive, and either may be left out (PR(:m), PR(n:)).
 *
 * @param name       the statistic as it was asked for
 * @param kind       which statistic it is
 * @param percentile for a percentile, its level (0 to 100]; NaN otherwise
 * @param lower      for a percentile rank, the exclusive lower bound; -∞ when left out
 * @param upper      for a percentile rank, the inclusive upper bound; +∞ when left out
 */
public record Statistic(String name, Kind kind, double percentile, double lower, double upper) {

    /** The statistics the local CloudWatch computes. */
    public enum Kind { SUM, AVERAGE, SAMPLE_COUNT, MINIMUM, MAXIMUM, PERCENTILE, PERCENTILE_RANK }

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d{1,10})?|100)");
    private static final String NUMBER = "(\\d+(?:\\.\\d{1,10})?)";
    private static final Pattern RANK = Pattern.compile("PR\\(" + NUMBER + "?:" + NUMBER + "?\\)");

    /** Parses a statistic name; returns null when CloudWatch would not accept it. */
    public static Statistic parse(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "Sum":
                return simple(name, Kind.SUM);
            case "Average":
                return simple(name, Kind.AVERAGE);
            case "SampleCount":
                return simple(name, Kind.SAMPLE_COUNT);
            case "Minimum":
                return simple(name, Kind.MINIMUM);
            case "Maximum":
                return simple(name, Kind.MAXIMUM);
            default:
                return extended(name);
        }
    }

    private static Statistic simple(String name, Kind kind) {
        return new Statistic(name, kind, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static Statistic extended(String name) {
        Matcher percentile = PERCENTILE.matcher(name);
        if (percentile.matches()) {
            double p = Double.parseDouble(percentile.group(1));
            return p > 0 && p <= 100 ? new Statistic(name, Kind.PERCENTILE, p, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY) : null;
        }
        Matcher rank = RANK.matcher(name);
        if (rank.matches() && (rank.group(1) != null || rank.group(2) != null)) {
            double lower = rank.group(1) == null ? Double.NEGATIVE_INFINITY : Double.parseDouble(rank.group(1));
            double upper = rank.group(2) == null ? Double.POSITIVE_INFINITY : Double.parseDouble(rank.group(2));
            return lower < upper ? new Statistic(name, Kind.PERCENTILE_RANK, Double.NaN, lower, upper) : null;
        }
        return null;
    }

    /** Whether this is a percentile (the only extended statistic GetMetricStatistics takes). */
    public boolean isPercentile() {
        return kind == Kind.PERCENTILE;
    }

    /** The statistic over one period's samples (never empty). */
    public double apply(double[] samples) {
        if (kind == Kind.PERCENTILE) {
            double[] sorted = samples.clone();
            Arrays.sort(sorted);
            return applySorted(sorted);
        }
        return switch (kind) {
            case SUM -> Arrays.stream(samples).sum();
            case AVERAGE -> Arrays.stream(samples).average().orElse(Double.NaN);
            case SAMPLE_COUNT -> samples.length;
            case MINIMUM -> Arrays.stream(samples).min().orElse(Double.NaN);
            case MAXIMUM -> Arrays.stream(samples).max().orElse(Double.NaN);
            case PERCENTILE -> applySorted(samples);
            case PERCENTILE_RANK -> 100.0 * Arrays.stream(samples).filter(this::ranks).count() / samples.length;
        };
    }

    /** For a percentile rank: whether a value falls in (lower, upper]. */
    public boolean ranks(double value) {
        return value > lower && value <= upper;
    }

    /**
     * The statistic over one period's samples sorted in increasing order (never empty). For a percentile, the
     * nearest rank: the smallest sample with at least p% of the samples at or below it.
     */
    public double applySorted(double[] sorted) {
        if (kind != Kind.PERCENTILE) {
            return apply(sorted);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
