package dev.greenlight.localcloud.elb;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A listener's forward action, compiled for routing: target groups with weights and optional
 * target-group stickiness. Replaced as a whole by ModifyListener, so each request sees one version.
 */
record ForwardPlan(List<WeightedGroup> groups, boolean sticky, int stickySeconds) {

    record WeightedGroup(TargetGroup group, int weight) {
    }

    /** The group a sticky client named, if it is still part of this forward action. */
    TargetGroup stickyGroup(String targetGroupArn) {
        if (!sticky || targetGroupArn == null) {
            return null;
        }
        return groups.stream().map(WeightedGroup::group).filter(group -> group.arn.equals(targetGroupArn))
                .findFirst().orElse(null);
    }

    /** A weighted random choice, or null when every weight is 0. */
    TargetGroup choose() {
        int total = groups.stream().mapToInt(WeightedGroup::weight).sum();
        if (total == 0) {
            return null;
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (WeightedGroup weighted : groups) {
            ticket -= weighted.weight();
            if (ticket < 0) {
                return weighted.group();
            }
        }
        throw new IllegalStateException("unreachable: ticket beyond the total weight");
    }

    boolean routesTo(TargetGroup group) {
        return groups.stream().anyMatch(weighted -> weighted.group() == group);
    }
}
