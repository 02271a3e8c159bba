package dev.greenlight.localcloud.cloudwatch;

import java.util.Map;
import java.util.TreeMap;

/** One metric series: namespace, name and dimensions (the order of dimensions does not matter). */
public record MetricKey(String namespace, String metricName, Map<String, String> dimensions) {

    public MetricKey {
        dimensions = Map.copyOf(new TreeMap<>(dimensions));
    }
}
