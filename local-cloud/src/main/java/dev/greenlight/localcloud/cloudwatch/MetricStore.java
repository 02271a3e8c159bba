package dev.greenlight.localcloud.cloudwatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Raw metric samples, one bucket per second per series, kept for {@code retention}.
 * Keeping every value (not pre-aggregated statistics) makes percentiles over any period exact.
 */
public final class MetricStore {

    private final Clock clock;
    private final Duration retention;
    private final Map<MetricKey, NavigableMap<Long, SecondBucket>> series = new ConcurrentHashMap<>();

    public MetricStore(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    public Clock clock() {
        return clock;
    }

    /** Records one sample now. */
    public void record(MetricKey key, double value) {
        record(key, clock.instant(), value);
    }

    public void record(MetricKey key, Instant timestamp, double value) {
        NavigableMap<Long, SecondBucket> buckets = series.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>());
        buckets.computeIfAbsent(timestamp.getEpochSecond(), second -> new SecondBucket()).add(value);
        if (buckets.size() > retention.toSeconds() + 60) {
            buckets.headMap(clock.instant().minus(retention).getEpochSecond()).clear();
        }
    }

    /** The series that exist, for ListMetrics-style lookups. */
    public List<MetricKey> keys() {
        return List.copyOf(series.keySet());
    }

    /**
     * The samples of one series in {@code [start, end)}, grouped into periods aligned to the epoch.
     * Periods without samples are absent, as in CloudWatch.
     */
    public NavigableMap<Instant, double[]> samplesByPeriod(MetricKey key, Instant start, Instant end, int periodSeconds) {
        NavigableMap<Instant, double[]> result = new java.util.TreeMap<>();
        NavigableMap<Long, SecondBucket> buckets = series.get(key);
        if (buckets == null) {
            return result;
        }
        long from = start.getEpochSecond();
        long to = end.getEpochSecond();
        Map<Long, DoubleList> grouped = new java.util.TreeMap<>();
        for (Map.Entry<Long, SecondBucket> entry : buckets.subMap(from, true, to, false).entrySet()) {
            long periodStart = Math.floorDiv(entry.getKey(), periodSeconds) * periodSeconds;
            entry.getValue().copyInto(grouped.computeIfAbsent(periodStart, p -> new DoubleList()));
        }
        grouped.forEach((periodStart, values) -> result.put(Instant.ofEpochSecond(periodStart), values.toArray()));
        return result;
    }

    private static final class SecondBucket {
        private final DoubleList values = new DoubleList();

        synchronized void add(double value) {
            values.add(value);
        }

        synchronized void copyInto(DoubleList target) {
            target.addAll(values);
        }
    }

    private static final class DoubleList {
        private double[] items = new double[8];
        private int size;

        void add(double value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        void addAll(DoubleList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.items[i]);
            }
        }

        double[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
