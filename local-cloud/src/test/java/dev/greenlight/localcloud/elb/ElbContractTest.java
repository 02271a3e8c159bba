package dev.greenlight.localcloud.elb;

import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import dev.greenlight.localcloud.process.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidConfigurationRequestException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidLoadBalancerActionException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ELBv2 calls a release makes, with the shapes it sends and the errors AWS answers with. */
class ElbContractTest {

    private LocalElb elb;
    private String balancer;
    private String blue;
    private String green;
    private String listener;

    @BeforeEach
    void createBalancer() {
        elb = new LocalElb("us-east-1", "123456789012", CloudFixture.FAST, Duration.ofSeconds(5),
                new MetricStore(Clock.systemUTC(), Duration.ofMinutes(5)));
        balancer = elb.createLoadBalancer(r -> r.name("greenlight")).loadBalancers().get(0).loadBalancerArn();
        blue = group("blog-a");
        green = group("blog-b");
        listener = elb.createListener(r -> r.loadBalancerArn(balancer).port(FreePorts.pick()).protocol(ProtocolEnum.HTTP)
                .defaultActions(forward(tuple(blue, 1), tuple(green, 0)))).listeners().get(0).listenerArn();
    }

    @AfterEach
    void close() {
        elb.close();
    }

    @Test
    void arnsAndMetricDimensions_haveAwsShapes() {
        assertThat(balancer).matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/greenlight/[0-9a-f]{16}");
        assertThat(blue).matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-a/[0-9a-f]{16}");
        assertThat(listener).matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/greenlight/[0-9a-f]{16}/[0-9a-f]{16}");
    }

    @Test
    void modifyListener_setsWeights_andDescribeCallsReadThemBack() {
        ModifyListenerResponse modified = elb.modifyListener(r -> r.listenerArn(listener)
                .defaultActions(forward(tuple(blue, 900), tuple(green, 100))));

        assertThat(weights(modified.listeners().get(0).defaultActions().get(0))).containsExactly(900, 100);
        Action described = elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).defaultActions().get(0);
        assertThat(weights(described)).containsExactly(900, 100);
        assertThat(described.forwardConfig().targetGroupStickinessConfig().enabled()).isFalse();
        Rule rule = elb.describeRules(r -> r.listenerArn(listener)).rules().get(0);
        assertThat(rule.isDefault()).isTrue();
        assertThat(rule.priority()).isEqualTo("default");
        assertThat(weights(rule.actions().get(0))).containsExactly(900, 100);
        assertThat(elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules()).containsExactly(rule);
    }

    @Test
    void forwardToOneGroup_byArn_isReportedWithWeightOne() {
        elb.modifyListener(r -> r.listenerArn(listener).defaultActions(Action.builder().type(ActionTypeEnum.FORWARD)
                .targetGroupArn(green).build()));

        Action action = elb.describeListeners(r -> r.loadBalancerArn(balancer)).listeners().get(0).defaultActions().get(0);
        assertThat(action.targetGroupArn()).isEqualTo(green);
        assertThat(action.forwardConfig().targetGroups()).containsExactly(tuple(green, 1));
    }

    @Test
    void modifyListener_rejectsWhatAwsRejects() {
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).defaultActions(forward(tuple(blue, 1000)))))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class)
                .hasMessageContaining("less than or equal to 999")
                .satisfies(e -> assertThat(((ElasticLoadBalancingV2Exception) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).defaultActions(forward(tuple(blue, -1)))))
                .hasMessageContaining("greater than or equal to 0");
        List<TargetGroupTuple> six = new ArrayList<>();
        IntStream.range(0, 6).forEach(i -> six.add(tuple(group("extra-" + i), 1)));
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener)
                .defaultActions(forward(six.toArray(TargetGroupTuple[]::new)))))
                .isInstanceOf(InvalidConfigurationRequestException.class).hasMessageContaining("at most 5");
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).defaultActions(forward(tuple(blue, 1), tuple(blue, 2)))))
                .isInstanceOf(InvalidLoadBalancerActionException.class);
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener)
                .defaultActions(forward(tuple(blue.replace("blog-a", "nope"), 1)))))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener + "0").defaultActions(forward(tuple(blue, 1)))))
                .isInstanceOf(ListenerNotFoundException.class);
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).defaultActions(Action.builder()
                .type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder().targetGroups(tuple(blue, 1))
                        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(604_801)).build()).build())))
                .hasMessageContaining("between 1 and 604800");

        assertThat(weights(elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).defaultActions().get(0)))
                .as("a rejected change leaves the listener as it was").containsExactly(1, 0);
    }

    @Test
    void describeCalls_reportUnknownResources() {
        assertThatThrownBy(() -> elb.describeRules(r -> r.ruleArns(listener.replace(":listener/", ":listener-rule/") + "/0")))
                .isInstanceOf(RuleNotFoundException.class);
        assertThatThrownBy(() -> elb.describeTargetHealth(r -> r.targetGroupArn(blue + "0")))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("missing")))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.createListener(r -> r.loadBalancerArn(balancer).port(
                elb.describeListeners(d -> d.listenerArns(listener)).listeners().get(0).port()).defaultActions(forward(tuple(blue, 1)))))
                .isInstanceOf(DuplicateListenerException.class);
    }

    @Test
    void targets_registerAsInitial_drain_andAreUnusedOnceGone() {
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(blue).attributes(attribute("deregistration_delay.timeout_seconds", "0")));
        elb.registerTargets(r -> r.targetGroupArn(blue).targets(t -> t.id("127.0.0.1").port(40001)));

        var initial = elb.describeTargetHealth(r -> r.targetGroupArn(blue)).targetHealthDescriptions().get(0);
        assertThat(initial.target().port()).isEqualTo(40001);
        assertThat(initial.targetHealth().state()).isEqualTo(TargetHealthStateEnum.INITIAL);

        elb.deregisterTargets(r -> r.targetGroupArn(blue).targets(t -> t.id("127.0.0.1").port(40001)));
        dev.greenlight.localcloud.Poll.until(Duration.ofSeconds(5), "deregistration", () -> elb.describeTargetHealth(
                r -> r.targetGroupArn(blue)).targetHealthDescriptions().isEmpty());
        var gone = elb.describeTargetHealth(r -> r.targetGroupArn(blue).targets(t -> t.id("127.0.0.1").port(40001)))
                .targetHealthDescriptions().get(0).targetHealth();
        assertThat(gone.state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(gone.reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);

        assertThatThrownBy(() -> elb.deregisterTargets(r -> r.targetGroupArn(blue).targets(t -> t.id("127.0.0.1").port(40001))))
                .isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(blue).targets(t -> t.id("10.0.0.7").port(8080))))
                .isInstanceOf(InvalidTargetException.class);
    }

    @Test
    void targetGroups_acceptAwsHealthCheckRanges_andRejectOthers() {
        var described = elb.describeTargetGroups(r -> r.targetGroupArns(blue)).targetGroups().get(0);
        assertThat(described.healthCheckPath()).isEqualTo("/actuator/health/readiness");
        assertThat(described.matcher().httpCode()).isEqualTo("200");
        assertThat(described.loadBalancerArns()).containsExactly(balancer);
        var defaults = elb.createTargetGroup(r -> r.name("defaults").protocol(ProtocolEnum.HTTP).port(8080)
                .targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        assertThat(List.of(defaults.healthCheckIntervalSeconds(), defaults.healthCheckTimeoutSeconds(),
                defaults.healthyThresholdCount(), defaults.unhealthyThresholdCount())).containsExactly(30, 5, 5, 2);
        assertThat(defaults.healthCheckPath()).isEqualTo("/");

        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(blue).healthCheckIntervalSeconds(4)))
                .hasMessageContaining("between 5 and 300");
        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(blue).healthyThresholdCount(11)))
                .hasMessageContaining("between 2 and 10");
        assertThatThrownBy(() -> elb.modifyTargetGroup(r -> r.targetGroupArn(blue).matcher(m -> m.httpCode("ok"))))
                .hasMessageContaining("matcher");
        assertThatThrownBy(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(blue)
                .attributes(attribute("deregistration_delay.timeout_seconds", "3601"))))
                .isInstanceOf(InvalidConfigurationRequestException.class).hasMessageContaining("between 0 and 3600");
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(blue)).attributes())
                .contains(attribute("deregistration_delay.timeout_seconds", "5"));
    }

    private String group(String name) {
        String arn = elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).targetType(TargetTypeEnum.IP)
                .healthCheckPath("/actuator/health/readiness").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                .healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(attribute("deregistration_delay.timeout_seconds", "5")));
        return arn;
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }

    private static TargetGroupTuple tuple(String arn, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
    }

    private static Action forward(TargetGroupTuple... tuples) {
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder().targetGroups(tuples).build()).build();
    }

    private static List<Integer> weights(Action action) {
        return action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::weight).toList();
    }

}
