package dev.greenlight.localcloud.elb;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A target group: its settings, attributes and registered targets, and the choice of a target per request. */
final class TargetGroup {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final String STICKINESS_ENABLED = "stickiness.enabled";
    static final String STICKINESS_TYPE = "stickiness.type";
    static final String STICKINESS_DURATION = "stickiness.lb_cookie.duration_seconds";
    static final String ALGORITHM = "load_balancing.algorithm.type";
    static final String SLOW_START = "slow_start.duration_seconds";

    final String arn;
    final String name;
    final String id;
    final String protocol;
    final int port;
    final String vpcId;
    volatile HealthCheckSettings healthCheck;
    final Map<String, String> attributes = new ConcurrentHashMap<>(Map.of(
            DEREGISTRATION_DELAY, "300",
            STICKINESS_ENABLED, "false",
            STICKINESS_TYPE, "lb_cookie",
            STICKINESS_DURATION, "86400",
            ALGORITHM, "round_robin",
            SLOW_START, "0"));
    final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final AtomicInteger nextTarget = new AtomicInteger();

    TargetGroup(String arn, String name, String id, String protocol, int port, String vpcId, HealthCheckSettings healthCheck) {
        this.arn = arn;
        this.name = name;
        this.id = id;
        this.protocol = protocol;
        this.port = port;
        this.vpcId = vpcId;
        this.healthCheck = healthCheck;
    }

    static String key(String id, int port) {
        return id + ":" + port;
    }

    /** The CloudWatch TargetGroup dimension value: {@code targetgroup/<name>/<id>}. */
    String dimension() {
        return "targetgroup/" + name + "/" + id;
    }

    int deregistrationDelaySeconds() {
        return Integer.parseInt(attributes.get(DEREGISTRATION_DELAY));
    }

    boolean targetStickiness() {
        return Boolean.parseBoolean(attributes.get(STICKINESS_ENABLED)) && "lb_cookie".equals(attributes.get(STICKINESS_TYPE));
    }

    int stickinessSeconds() {
        return Integer.parseInt(attributes.get(STICKINESS_DURATION));
    }

    /**
     * Reserves a target for one request: healthy targets in turn; when none is healthy, the group
     * fails open to the registered ones. The reservation counts as in flight, so a target cannot
     * finish draining between being chosen and receiving the request.
     *
     * @param preferred a target named by the stickiness cookie, used when it can still take requests
     */
    Target reserve(String preferred) {
        if (preferred != null) {
            Target sticky = targets.get(preferred);
            if (sticky != null && sticky.state().state() == TargetHealthStateEnum.HEALTHY && tryReserve(sticky)) {
                return sticky;
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Target> candidates = routable();
            if (candidates.isEmpty()) {
                return null;
            }
            Target target = candidates.get(Math.floorMod(nextTarget.getAndIncrement(), candidates.size()));
            if (tryReserve(target)) {
                return target;
            }
        }
        return null;
    }

    private static boolean tryReserve(Target target) {
        target.inFlight.incrementAndGet();
        if (target.isDraining()) {
            target.inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    private List<Target> routable() {
        List<Target> healthy = new ArrayList<>();
        List<Target> registered = new ArrayList<>();
        for (Target target : targets.values()) {
            TargetHealthStateEnum state = target.state().state();
            if (state == TargetHealthStateEnum.HEALTHY) {
                healthy.add(target);
            } else if (state != TargetHealthStateEnum.DRAINING) {
                registered.add(target);
            }
        }
        return healthy.isEmpty() ? registered : healthy;
    }

    int count(TargetHealthStateEnum state) {
        return (int) targets.values().stream().filter(target -> target.state().state() == state).count();
    }
}
