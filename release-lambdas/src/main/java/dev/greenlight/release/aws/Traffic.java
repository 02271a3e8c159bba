package dev.greenlight.release.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** The load balancer as a release sees it: listener weights by target group, and healthy targets. */
public class Traffic {

    private final ElasticLoadBalancingV2Client elb;

    public Traffic(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** The weights of the listener's forward action, by target group ARN, in the listener's order. */
    public Map<String, Integer> weights(String listenerArn) {
        Listener listener = elb.describeListeners(b -> b.listenerArns(listenerArn)).listeners().get(0);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Action action : listener.defaultActions()) {
            if (action.type() != ActionTypeEnum.FORWARD) {
                continue;
            }
            if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
                for (TargetGroupTuple group : action.forwardConfig().targetGroups()) {
                    weights.put(group.targetGroupArn(), group.weight() == null ? 1 : group.weight());
                }
            } else if (action.targetGroupArn() != null) {
                weights.put(action.targetGroupArn(), 1);
            }
        }
        return weights;
    }

    /** Replaces the listener's default action by a weighted forward to these target groups. */
    public void setWeights(String listenerArn, Map<String, Integer> weights) {
        List<TargetGroupTuple> groups = weights.entrySet().stream()
                .map(e -> TargetGroupTuple.builder().targetGroupArn(e.getKey()).weight(e.getValue()).build())
                .toList();
        elb.modifyListener(b -> b.listenerArn(listenerArn).defaultActions(Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .forwardConfig(ForwardActionConfig.builder().targetGroups(groups).build())
                .build()));
    }

    /** Forwards the listener to a single target group (the test listener to green). */
    public void forwardAll(String listenerArn, String targetGroupArn) {
        setWeights(listenerArn, Map.of(targetGroupArn, 1));
    }

    /** How many of the group's targets are healthy. */
    public int healthyTargets(String targetGroupArn) {
        return (int) elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)).targetHealthDescriptions()
                .stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                .count();
    }
}
