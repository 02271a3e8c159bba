package dev.greenlight.localcloud.elb;

import dev.greenlight.localcloud.cloudwatch.MetricKey;
import dev.greenlight.localcloud.cloudwatch.MetricStore;

import java.util.Map;

/** Records the ALB's CloudWatch metrics under AWS's names and dimensions (namespace AWS/ApplicationELB). */
final class AlbMetrics {

    static final String NAMESPACE = "AWS/ApplicationELB";

    private final MetricStore store;

    AlbMetrics(MetricStore store) {
        this.store = store;
    }

    /** A request the target answered: RequestCount, HTTPCode_Target_nXX_Count and TargetResponseTime. */
    void targetResponse(LoadBalancer balancer, TargetGroup group, int status, double responseSeconds) {
        requestCount(balancer, group);
        record(balancer, group, "HTTPCode_Target_" + (status / 100) + "XX_Count", 1);
        record(balancer, group, "TargetResponseTime", responseSeconds);
    }

    /** A request the balancer answered itself (502, 503, 504): counted per load balancer, as on AWS. */
    void elbError(LoadBalancer balancer, TargetGroup group, int status, boolean connectionError) {
        requestCount(balancer, group);
        Map<String, String> perBalancer = Map.of("LoadBalancer", balancer.dimension());
        store.record(new MetricKey(NAMESPACE, "HTTPCode_ELB_5XX_Count", perBalancer), 1);
        store.record(new MetricKey(NAMESPACE, "HTTPCode_ELB_" + status + "_Count", perBalancer), 1);
        if (connectionError && group != null) {
            record(balancer, group, "TargetConnectionErrorCount", 1);
        }
    }

    /**
     * A malformed request the balancer refused with a 4xx before choosing a target: HTTPCode_ELB_4XX_Count, per
     * load balancer; as on AWS, RequestCount counts only requests for which a target was chosen.
     */
    void clientError(LoadBalancer balancer) {
        store.record(new MetricKey(NAMESPACE, "HTTPCode_ELB_4XX_Count", Map.of("LoadBalancer", balancer.dimension())), 1);
    }

    /** HealthyHostCount and UnHealthyHostCount, sampled once a second. */
    void hostCounts(LoadBalancer balancer, TargetGroup group, int healthy, int unhealthy) {
        record(balancer, group, "HealthyHostCount", healthy);
        record(balancer, group, "UnHealthyHostCount", unhealthy);
    }

    private void requestCount(LoadBalancer balancer, TargetGroup group) {
        store.record(new MetricKey(NAMESPACE, "RequestCount", Map.of("LoadBalancer", balancer.dimension())), 1);
        if (group != null) {
            record(balancer, group, "RequestCount", 1);
        }
    }

    private void record(LoadBalancer balancer, TargetGroup group, String metric, double value) {
        store.record(new MetricKey(NAMESPACE, metric,
                Map.of("LoadBalancer", balancer.dimension(), "TargetGroup", group.dimension())), value);
    }
}
