package dev.greenlight.localcloud.cloudwatch;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CloudWatch statistic: Sum, Average, SampleCount, Minimum, Maximum or a percentile such as p99. */
public record Statistic(String name, double percentile) {

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d{1,10})?|100)");

    /** Parses a statistic name; returns null when CloudWatch would not accept it. */
    public static Statistic parse(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "Sum", "Average", "SampleCount", "Minimum", "Maximum":
                return new Statistic(name, Double.NaN);
            default:
                Matcher matcher = PERCENTILE.matcher(name);
                if (matcher.matches()) {
                    double p = Double.parseDouble(matcher.group(1));
                    return p > 0 && p <= 100 ? new Statistic(name, p) : null;
                }
                return null;
        }
    }

    public boolean isPercentile() {
        return !Double.isNaN(percentile);
    }

    /** The statistic over one period's samples (never empty). */
    public double apply(double[] samples) {
        switch (name) {
            case "Sum":
                return Arrays.stream(samples).sum();
            case "Average":
                return Arrays.stream(samples).average().orElse(Double.NaN);
            case "SampleCount":
                return samples.length;
            case "Minimum":
                return Arrays.stream(samples).min().orElse(Double.NaN);
            case "Maximum":
                return Arrays.stream(samples).max().orElse(Double.NaN);
            default:
                return nearestRank(samples, percentile);
        }
    }

    // Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
    private static double nearestRank(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
