package dev.greenlight.localcloud.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.process.FreePorts;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * What Terraform creates on AWS, created in the local cloud: the ECR repository, the cluster, the load
 * balancer with the blog's listener and the test listener, and the two slots' target groups. The release
 * workflow owns everything else (services, task definitions, listener weights).
 *
 * @param blogPort       the listener readers use
 * @param testPort       the test listener
 * @param listenerArn    the blog's listener
 * @param testListenerArn the test listener
 * @param loadBalancerArn the load balancer
 * @param targetGroupA   slot A's target group
 * @param targetGroupB   slot B's target group
 */
record Infrastructure(int blogPort, int testPort, String listenerArn, String testListenerArn, String loadBalancerArn,
        String targetGroupA, String targetGroupB) {

    /** The ECR repository the blog's images are pushed to. */
    static final String REPOSITORY = "greenlight-blog";
    /** The ECS cluster both slots' services run in. */
    static final String CLUSTER = "greenlight";
    /** The service the releases are of, as the Releases table and the release functions name it. */
    static final String SERVICE = "blog";
    /** Deregistration delay of both target groups, in AWS seconds. */
    static final int DEREGISTRATION_DELAY_SECONDS = 5;

    static Infrastructure create(LocalCloud cloud, int blogPort, int testPort) {
        if (!cloud.ecr().repositoryExists(REPOSITORY)) {
            cloud.ecr().createRepository(REPOSITORY);
        }
        cloud.ecs().createCluster(r -> r.clusterName(CLUSTER));
        String balancer = cloud.elb().createLoadBalancer(r -> r.name("greenlight")).loadBalancers().get(0)
                .loadBalancerArn();
        String a = targetGroup(cloud, "blog-a");
        String b = targetGroup(cloud, "blog-b");
        String listener = cloud.elb().createListener(r -> r.loadBalancerArn(balancer).port(blogPort)
                .protocol(ProtocolEnum.HTTP).defaultActions(forward(Map.of(a, 100, b, 0))))
                .listeners().get(0).listenerArn();
        int testListenerPort = testPort == 0 ? FreePorts.pick() : testPort;
        String testListener = cloud.elb().createListener(r -> r.loadBalancerArn(balancer).port(testListenerPort)
                .protocol(ProtocolEnum.HTTP).defaultActions(forward(Map.of(a, 1))))
                .listeners().get(0).listenerArn();
        return new Infrastructure(blogPort, testListenerPort, listener, testListener, balancer, a, b);
    }

    /** The release functions' view of it, as Terraform passes it to the Lambdas. */
    Map<String, String> releaseProperties(LocalCloud cloud) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("greenlight.listener-arn", listenerArn);
        properties.put("greenlight.test-listener-arn", testListenerArn);
        properties.put("greenlight.test-listener-url", "http://127.0.0.1:" + testPort);
        properties.put("greenlight.load-balancer", loadBalancerArn.substring(loadBalancerArn.indexOf("app/")));
        properties.put("greenlight.slots.a.target-group-arn", targetGroupA);
        properties.put("greenlight.slots.a.service-name", "blog-a");
        properties.put("greenlight.slots.b.target-group-arn", targetGroupB);
        properties.put("greenlight.slots.b.service-name", "blog-b");
        properties.put("greenlight.repository-name", REPOSITORY);
        String uri = cloud.ecr().imageUri(REPOSITORY, "latest");
        properties.put("greenlight.repository-uri", uri.substring(0, uri.lastIndexOf(':')));
        properties.put("greenlight.deregistration-delay-seconds", Integer.toString(DEREGISTRATION_DELAY_SECONDS));
        return properties;
    }

    /** Readiness checked every 5 s (AWS seconds) with a 4 s timeout, healthy after 2 passes. */
    private static String targetGroup(LocalCloud cloud, String name) {
        String arn = cloud.elb().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080)
                        .targetType(TargetTypeEnum.IP).vpcId("vpc-local").healthCheckPath("/actuator/health/readiness")
                        .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(4).healthyThresholdCount(2)
                        .unhealthyThresholdCount(2))
                .targetGroups().get(0).targetGroupArn();
        cloud.elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(TargetGroupAttribute.builder()
                .key("deregistration_delay.timeout_seconds").value(Integer.toString(DEREGISTRATION_DELAY_SECONDS))
                .build()));
        return arn;
    }

    private static Action forward(Map<String, Integer> weights) {
        List<TargetGroupTuple> groups = weights.entrySet().stream()
                .map(e -> TargetGroupTuple.builder().targetGroupArn(e.getKey()).weight(e.getValue()).build()).toList();
        return Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(ForwardActionConfig.builder().targetGroups(groups).build()).build();
    }
}
