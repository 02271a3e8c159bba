package dev.greenlight.localcloud.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.localcloud.cloudwatch.Statistic;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.gate.BalancerMetrics;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.Tally;
import dev.greenlight.release.gate.TargetGroupMetrics;

/**
 * The ALB's CloudWatch metrics for simulated requests, as the gate's queries would get them: each request is
 * recorded with its second, status and response time; a query over [from, to) sees the seconds CloudWatch would
 * have (per second locally; on AWS whole minutes, from the minute the start falls in, up to the last minute
 * published a delay after it ended), grouped into the periods {@link Metrics#period} asks for, with each
 * statistic computed by the local CloudWatch's own {@link Statistic} (nearest-rank percentiles, PR(:t) including
 * its upper bound). Counts over a window are kept as running sums, so a look costs the same however long the bake.
 */
final class SimulatedMetrics implements GateMetrics {

    private final Instant epoch;
    private final int resolution;
    private final int delay;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<List<Object>, LatencyPercentiles> percentileCache = new HashMap<>();
    private final Map<Double, Statistic> ranks = new HashMap<>();
    private long balancerRequests;

    /**
     * @param epoch      the instant of second 0
     * @param resolution how finely the metrics are kept (1 locally, 60 on AWS)
     * @param delay      how long after a period ends it can be read (0 locally, 60 s on AWS)
     */
    SimulatedMetrics(Instant epoch, int resolution, int delay) {
        this.epoch = epoch;
        this.resolution = resolution;
        this.delay = delay;
    }

    Instant at(long second) {
        return epoch.plusSeconds(second);
    }

    /** Starts second {@code second} of a target group; requests then go into it until the next call. */
    Group group(String name) {
        return groups.computeIfAbsent(name, n -> new Group());
    }

    /** One target group's requests, second by second. */
    final class Group {
        private double[] latencies = new double[1 << 14];
        private int size;
        private int[] starts = new int[1024];
        private long[] requests = new long[1024];
        private long[] errors = new long[1024];
        private int seconds;
        private final Map<Double, long[]> slowerCounts = new HashMap<>();
        private final Map<Double, Integer> slowerCounted = new HashMap<>();

        /** Records second {@code second}'s requests: their response times (seconds) and how many were 5xx. */
        void second(long second, double[] responseSeconds, int count, int target5xx) {
            while (seconds <= second) {
                grow();
                starts[seconds] = size;
                requests[seconds + 1] = requests[seconds];
                errors[seconds + 1] = errors[seconds];
                seconds++;
            }
            int index = (int) second;
            if (size + count > latencies.length) {
                latencies = Arrays.copyOf(latencies, Math.max(latencies.length * 2, size + count));
            }
            System.arraycopy(responseSeconds, 0, latencies, size, count);
            size += count;
            requests[index + 1] += count;
            errors[index + 1] += target5xx;
            balancerRequests += count;
        }

        private void grow() {
            if (seconds + 2 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                requests = Arrays.copyOf(requests, requests.length * 2);
                errors = Arrays.copyOf(errors, errors.length * 2);
            }
        }

        private int end(long second) {
            return second >= seconds ? size : starts[(int) second];
        }

        private long cumulative(long[] counts, long second) {
            return counts[(int) Math.max(0, Math.min(second, seconds))];
        }

        /** Requests slower than {@code threshold} before second {@code second}, counted once per request. */
        private long slower(Statistic rank, double threshold, long second) {
            long[] counts = slowerCounts.computeIfAbsent(threshold, t -> new long[starts.length + 1]);
            if (counts.length < seconds + 1) {
                counts = Arrays.copyOf(counts, starts.length + 1);
                slowerCounts.put(threshold, counts);
            }
            int counted = slowerCounted.getOrDefault(threshold, 0);
            for (int s = counted; s < seconds; s++) {
                long slow = 0;
                for (int i = starts[s], end = end(s + 1); i < end; i++) {
                    if (!rank.ranks(latencies[i])) {
                        slow++;
                    }
                }
                counts[s + 1] = counts[s] + slow;
            }
            slowerCounted.put(threshold, seconds);
            return counts[(int) Math.max(0, Math.min(second, seconds))];
        }
    }

    // --- the seconds a query over [from, to) sees ---

    private long first(Instant from) {
        long second = from.getEpochSecond() - epoch.getEpochSecond();
        return Math.floorDiv(second, resolution) * resolution;
    }

    private long last(Instant to) {
        long second = to.getEpochSecond() - epoch.getEpochSecond() - delay;
        return Math.floorDiv(second, resolution) * resolution;
    }

    @Override
    public TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to) {
        Group group = groups.get(targetGroupArn);
        long a = first(from);
        long b = last(to);
        if (group == null || b <= a) {
            return TargetGroupMetrics.NONE;
        }
        long requests = group.cumulative(group.requests, b) - group.cumulative(group.requests, a);
        long errors = group.cumulative(group.errors, b) - group.cumulative(group.errors, a);
        return new TargetGroupMetrics(requests, errors, 0, 0);
    }

    @Override
    public BalancerMetrics balancer(Instant from, Instant to) {
        // the simulated balancer answers no 5xx of its own: only the target groups' own requests are judged
        return new BalancerMetrics(balancerRequests, 0);
    }

    @Override
    public LatencyPercentiles percentiles(String targetGroupArn, Instant from, Instant to, List<Double> levels) {
        Group group = groups.get(targetGroupArn);
        long a = first(from);
        long b = last(to);
        if (group == null || b <= a) {
            return new LatencyPercentiles(0, List.of());
        }
        if (b <= group.seconds) {
            // a window already complete does not change: the reference window is read at every look
            List<Object> key = List.of(targetGroupArn, a, b, levels, Metrics.period(from, to));
            LatencyPercentiles cached = percentileCache.get(key);
            if (cached == null) {
                cached = computePercentiles(group, from, to, a, b, levels);
                percentileCache.put(key, cached);
            }
            return cached;
        }
        return computePercentiles(group, from, to, a, b, levels);
    }

    private LatencyPercentiles computePercentiles(Group group, Instant from, Instant to, long a, long b,
            List<Double> levels) {
        // the periods CloudWatch returns for this query, aligned like the local CloudWatch aligns them
        int period = Metrics.period(from, to);
        double[] weighted = new double[levels.size()];
        long requests = 0;
        long offset = epoch.getEpochSecond();
        for (long start = Math.floorDiv(a + offset, period) * period - offset; start < b; start += period) {
            long pa = Math.max(a, start);
            long pb = Math.min(b, start + period);
            int lo = group.end(pa);
            int hi = group.end(pb);
            if (hi <= lo) {
                continue;
            }
            double[] samples = Arrays.copyOfRange(group.latencies, lo, hi);
            Arrays.sort(samples);
            for (int i = 0; i < levels.size(); i++) {
                weighted[i] += samples.length * Statistic.parse(percentile(levels.get(i))).applySorted(samples) * 1000;
            }
            requests += samples.length;
        }
        List<Percentile> percentiles = new ArrayList<>();
        for (int i = 0; requests > 0 && i < levels.size(); i++) {
            percentiles.add(new Percentile(levels.get(i), weighted[i] / requests));
        }
        return new LatencyPercentiles(requests, percentiles);
    }

    @Override
    public List<Tally> slowerThan(String targetGroupArn, Instant from, Instant to, List<Double> thresholdsMs) {
        Group group = groups.get(targetGroupArn);
        long a = first(from);
        long b = last(to);
        List<Tally> tallies = new ArrayList<>();
        for (double ms : thresholdsMs) {
            if (group == null || b <= a) {
                tallies.add(Tally.NONE);
                continue;
            }
            Statistic rank = ranks.computeIfAbsent(ms, t -> Statistic.parse("PR(:" + Metrics.seconds(t) + ")"));
            double threshold = rank.upper();
            long requests = group.cumulative(group.requests, b) - group.cumulative(group.requests, a);
            long slower = group.slower(rank, threshold, b) - group.slower(rank, threshold, a);
            tallies.add(new Tally(slower, requests));
        }
        return tallies;
    }

    @Override
    public Instant whenServed(String targetGroupArn, Instant from, Instant to, long requests, int periodSeconds) {
        Group group = groups.get(targetGroupArn);
        long a = first(from);
        long b = last(to);
        if (group == null || b <= a) {
            return null;
        }
        long before = group.cumulative(group.requests, a);
        int period = Math.max(1, periodSeconds);
        for (long end = a + period; end <= b; end += period) {
            if (group.cumulative(group.requests, end) - before >= requests) {
                return at(end);
            }
        }
        return null;
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return List.of();
    }

    @Override
    public double expressible(double ms) {
        return Double.parseDouble(Metrics.seconds(ms)) * 1000;
    }

    private static String percentile(double level) {
        return "p" + java.math.BigDecimal.valueOf(level * 100).setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
