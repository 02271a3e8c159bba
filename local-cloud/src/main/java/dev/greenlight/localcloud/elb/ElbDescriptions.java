package dev.greenlight.localcloud.elb;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.List;

/** The shapes ELBv2's describe calls return, built from the balancer's state. */
final class ElbDescriptions {

    private ElbDescriptions() {
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer of(LoadBalancer balancer) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
                .loadBalancerArn(balancer.arn())
                .loadBalancerName(balancer.name())
                .dnsName("127.0.0.1")
                .type(LoadBalancerTypeEnum.APPLICATION)
                .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                .createdTime(balancer.createdAt())
                .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
                .build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup of(TargetGroup group, LoadBalancer balancer) {
        HealthCheckSettings settings = group.healthCheck;
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
                .targetGroupArn(group.arn)
                .targetGroupName(group.name)
                .protocol(ProtocolEnum.HTTP)
                .port(group.port)
                .vpcId(group.vpcId)
                .targetType(TargetTypeEnum.IP)
                .healthCheckEnabled(true)
                .healthCheckProtocol(ProtocolEnum.HTTP)
                .healthCheckPort("traffic-port")
                .healthCheckPath(settings.path())
                .healthCheckIntervalSeconds(settings.intervalSeconds())
                .healthCheckTimeoutSeconds(settings.timeoutSeconds())
                .healthyThresholdCount(settings.healthyThreshold())
                .unhealthyThresholdCount(settings.unhealthyThreshold())
                .matcher(Matcher.builder().httpCode(settings.matcher()).build())
                .loadBalancerArns(balancer == null ? List.of() : List.of(balancer.arn()))
                .build();
    }

    static List<TargetGroupAttribute> attributes(TargetGroup group) {
        return new java.util.TreeMap<>(group.attributes).entrySet().stream()
                .map(entry -> TargetGroupAttribute.builder().key(entry.getKey()).value(entry.getValue()).build())
                .toList();
    }

    static TargetHealthDescription health(String id, int port, TargetState state) {
        return TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(id).port(port).build())
                .healthCheckPort(String.valueOf(port))
                .targetHealth(TargetHealth.builder().state(state.state()).reason(state.reason())
                        .description(state.description()).build())
                .build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener of(AlbListener listener) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
                .listenerArn(listener.arn)
                .loadBalancerArn(listener.balancer().arn())
                .port(listener.port())
                .protocol(ProtocolEnum.HTTP)
                .defaultActions(listener.defaultActions())
                .build();
    }

    static Rule defaultRule(AlbListener listener) {
        return Rule.builder().ruleArn(listener.defaultRuleArn).priority("default").isDefault(true)
                .conditions(List.of()).actions(listener.defaultActions()).build();
    }
}
