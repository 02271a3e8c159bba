package dev.greenlight.localcloud.elb;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidConfigurationRequestException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidLoadBalancerActionException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A listener's default action as ELBv2 validates it (one forward action, at most 5 target groups,
 * weights 0–999, stickiness 1–604,800 s) and as the balancer routes by it.
 */
final class ForwardActions {

    private static final int MAX_GROUPS_PER_FORWARD = 5;
    private static final int MAX_STICKINESS_SECONDS = 604_800;

    private final Function<String, TargetGroup> groups;
    private final BiFunction<TargetGroup, AlbListener, LoadBalancer> attachedBalancer;

    /**
     * @param groups           finds a target group by ARN, or throws TargetGroupNotFoundException
     * @param attachedBalancer the load balancer a group is already routed from, ignoring one listener, or null
     */
    ForwardActions(Function<String, TargetGroup> groups, BiFunction<TargetGroup, AlbListener, LoadBalancer> attachedBalancer) {
        this.groups = groups;
        this.attachedBalancer = attachedBalancer;
    }

    // ---- actions --------------------------------------------------------------------------

    /** Validates a default action list the way ELBv2 does and fills in what AWS fills in. */
    List<Action> normalize(List<Action> actions, LoadBalancer balancer, AlbListener self) {
        if (actions == null || actions.isEmpty()) {
            throw ElbApiErrors.validation("A listener must have at least one default action");
        }
        if (actions.size() > 1 || actions.get(0).type() != ActionTypeEnum.FORWARD) {
            throw ElbApiErrors.error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                    "The local cloud supports a single 'forward' default action");
        }
        Action action = actions.get(0);
        List<TargetGroupTuple> tuples = new ArrayList<>();
        ForwardActionConfig config = action.forwardConfig();
        if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
            tuples.addAll(config.targetGroups());
            if (action.targetGroupArn() != null && (tuples.size() != 1
                    || !action.targetGroupArn().equals(tuples.get(0).targetGroupArn()))) {
                throw ElbApiErrors.error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                        "You cannot specify both a target group ARN and a forward config with a different target group");
            }
        } else if (action.targetGroupArn() != null) {
            tuples.add(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).weight(1).build());
        } else {
            throw ElbApiErrors.validation("A forward action must specify a target group ARN or a forward config with target groups");
        }
        if (tuples.size() > MAX_GROUPS_PER_FORWARD) {
            throw ElbApiErrors.error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "A forward action can have at most " + MAX_GROUPS_PER_FORWARD + " target groups, not " + tuples.size());
        }
        List<TargetGroupTuple> normalized = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            TargetGroupTuple tuple = tuples.get(i);
            int weight = tuple.weight() == null ? 1 : tuple.weight();
            if (weight < 0 || weight > 999) {
                throw ElbApiErrors.validation("1 validation error detected: Value '" + weight + "' at 'defaultActions.1.member.forwardConfig"
                        + ".targetGroups." + (i + 1) + ".member.weight' failed to satisfy constraint: Member must have value "
                        + (weight < 0 ? "greater than or equal to 0" : "less than or equal to 999"));
            }
            TargetGroup group = groups.apply(tuple.targetGroupArn());
            if (seen.contains(group.arn)) {
                throw ElbApiErrors.error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                        "Target group '" + group.arn + "' appears more than once in the forward action");
            }
            seen.add(group.arn);
            LoadBalancer other = attachedBalancer.apply(group, self);
            if (other != null && other != balancer) {
                throw ElbApiErrors.error(TargetGroupAssociationLimitException.builder(), "TargetGroupAssociationLimit",
                        "The following target groups cannot be associated with more than one load balancer: '" + group.arn + "'");
            }
            normalized.add(TargetGroupTuple.builder().targetGroupArn(group.arn).weight(weight).build());
        }
        TargetGroupStickinessConfig stickiness = config == null || config.targetGroupStickinessConfig() == null
                ? TargetGroupStickinessConfig.builder().enabled(false).build() : config.targetGroupStickinessConfig();
        if (Boolean.TRUE.equals(stickiness.enabled())) {
            Integer duration = stickiness.durationSeconds();
            if (duration == null || duration < 1 || duration > MAX_STICKINESS_SECONDS) {
                throw ElbApiErrors.validation("Target group stickiness duration must be between 1 and " + MAX_STICKINESS_SECONDS + " seconds");
            }
        }
        Action.Builder result = Action.builder().type(ActionTypeEnum.FORWARD).order(action.order() == null ? 1 : action.order())
                .forwardConfig(ForwardActionConfig.builder().targetGroups(normalized).targetGroupStickinessConfig(stickiness).build());
        if (normalized.size() == 1) {
            result.targetGroupArn(normalized.get(0).targetGroupArn());
        }
        return List.of(result.build());
    }

    ForwardPlan plan(List<Action> actions) {
        ForwardActionConfig config = actions.get(0).forwardConfig();
        List<ForwardPlan.WeightedGroup> weighted = config.targetGroups().stream()
                .map(tuple -> new ForwardPlan.WeightedGroup(groups.apply(tuple.targetGroupArn()), tuple.weight()))
                .toList();
        TargetGroupStickinessConfig stickiness = config.targetGroupStickinessConfig();
        boolean sticky = Boolean.TRUE.equals(stickiness.enabled());
        return new ForwardPlan(weighted, sticky, sticky ? stickiness.durationSeconds() : 0);
    }
}
