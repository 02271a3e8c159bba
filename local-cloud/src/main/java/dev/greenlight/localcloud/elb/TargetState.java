package dev.greenlight.localcloud.elb;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** A registered target's health as DescribeTargetHealth reports it: state, reason code and description. */
record TargetState(TargetHealthStateEnum state, TargetHealthReasonEnum reason, String description) {

    static final TargetState REGISTERING = new TargetState(TargetHealthStateEnum.INITIAL,
            TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS, "Target registration is in progress");
    static final TargetState INITIAL_CHECKING = new TargetState(TargetHealthStateEnum.INITIAL,
            TargetHealthReasonEnum.ELB_INITIAL_HEALTH_CHECKING, "Initial health checks in progress");
    static final TargetState HEALTHY = new TargetState(TargetHealthStateEnum.HEALTHY, null, null);
    static final TargetState DRAINING = new TargetState(TargetHealthStateEnum.DRAINING,
            TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS, "Target deregistration is in progress");
    static final TargetState NOT_REGISTERED = new TargetState(TargetHealthStateEnum.UNUSED,
            TargetHealthReasonEnum.TARGET_NOT_REGISTERED, "Target is not registered to the target group");
    static final TargetState NOT_IN_USE = new TargetState(TargetHealthStateEnum.UNUSED,
            TargetHealthReasonEnum.TARGET_NOT_IN_USE, "Target group is not configured to receive traffic from the load balancer");

    static TargetState unhealthy(TargetHealthReasonEnum reason, String description) {
        return new TargetState(TargetHealthStateEnum.UNHEALTHY, reason, description);
    }
}
