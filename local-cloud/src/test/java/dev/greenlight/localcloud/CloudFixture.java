package dev.greenlight.localcloud;

import dev.greenlight.localcloud.process.FreePorts;
import dev.greenlight.localcloud.testapp.TestAppJar;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local cloud for tests, with time scaled so one AWS second lasts 200 ms: a 5 s health-check
 * interval runs every second and a 5 s deregistration delay lasts one second.
 */
public final class CloudFixture implements AutoCloseable {

    public static final Timing FAST = new Timing(Duration.ofMillis(200));
    public static final String REPOSITORY = "greenlight/blog";

    public final LocalCloud cloud;
    private String balancerArn;

    /** AWS's defaults (including the 60 s idle timeout), with the scaled clock. */
    public CloudFixture(Path dir) {
        this(LocalCloud.Config.defaults(dir).withTiming(FAST));
    }

    public CloudFixture(LocalCloud.Config config) {
        this.cloud = new LocalCloud(config);
        cloud.ecr().createRepository(REPOSITORY);
        cloud.ecs().createCluster(r -> r.clusterName("greenlight"));
    }

    public String balancer() {
        if (balancerArn == null) {
            balancerArn = cloud.elb().createLoadBalancer(r -> r.name("greenlight")).loadBalancers().get(0).loadBalancerArn();
        }
        return balancerArn;
    }

    /**
     * A target group checking readiness every (scaled) 5 s with a 4 s timeout, healthy after 2 passes,
     * with a 5 s deregistration delay.
     */
    public String targetGroup(String name) {
        String arn = cloud.elb().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-local").healthCheckPath("/actuator/health/readiness")
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(4).healthyThresholdCount(2).unhealthyThresholdCount(2))
                .targetGroups().get(0).targetGroupArn();
        cloud.elb().modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(
                TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("5").build()));
        return arn;
    }

    /** A listener on a free loopback port forwarding to the groups with these weights; returns {arn, port}. */
    public Listening listener(Map<String, Integer> weights) {
        int port = FreePorts.pick();
        String arn = cloud.elb().createListener(r -> r.loadBalancerArn(balancer()).port(port).protocol(ProtocolEnum.HTTP)
                .defaultActions(forward(weights))).listeners().get(0).listenerArn();
        return new Listening(arn, port);
    }

    public record Listening(String arn, int port) {
    }

    public void shift(String listenerArn, Map<String, Integer> weights) {
        cloud.elb().modifyListener(r -> r.listenerArn(listenerArn).defaultActions(forward(weights)));
    }

    public static Action forward(Map<String, Integer> weights) {
        List<TargetGroupTuple> tuples = new ArrayList<>();
        weights.forEach((arn, weight) -> tuples.add(TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build()));
        return Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(ForwardActionConfig.builder().targetGroups(tuples).build()).build();
    }

    /** Pushes the test app under a tag and returns its image URI. */
    public String pushTestApp(String tag) {
        return cloud.ecr().putImage(REPOSITORY, tag, TestAppJar.get()).uri();
    }

    public String taskDefinition(String family, String image, Map<String, String> environment) {
        return taskDefinition(family, image, environment, "256", "512");
    }

    /** A Fargate task definition of one "blog" container on port 8080 with a 10 s stop timeout. */
    public String taskDefinition(String family, String image, Map<String, String> environment, String cpu, String memory) {
        List<KeyValuePair> env = new ArrayList<>();
        environment.forEach((name, value) -> env.add(KeyValuePair.builder().name(name).value(value).build()));
        return cloud.ecs().registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu(cpu).memory(memory)
                .containerDefinitions(ContainerDefinition.builder().name("blog").image(image).essential(true)
                        .stopTimeout(10)
                        .portMappings(PortMapping.builder().containerPort(8080).build())
                        .environment(env).build()))
                .taskDefinition().taskDefinitionArn();
    }

    public Service createService(String name, String taskDefinition, String targetGroupArn, int desired) {
        return createService(name, taskDefinition, targetGroupArn, desired, 0);
    }

    public Service createService(String name, String taskDefinition, String targetGroupArn, int desired, int graceSeconds) {
        return cloud.ecs().createService(r -> r.cluster("greenlight").serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desired).launchType("FARGATE").clientToken(name + "-token").healthCheckGracePeriodSeconds(graceSeconds)
                .loadBalancers(lb -> lb.targetGroupArn(targetGroupArn).containerName("blog").containerPort(8080))).service();
    }

    public long healthyTargets(String targetGroupArn) {
        return cloud.elb().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
    }

    public void awaitHealthy(String targetGroupArn, int count) {
        awaitHealthy(targetGroupArn, count, Duration.ofSeconds(30));
    }

    public void awaitHealthy(String targetGroupArn, int count, Duration timeout) {
        Poll.until(timeout, count + " healthy targets in " + targetGroupArn, () -> healthyTargets(targetGroupArn) == count);
    }

    public Service describe(String serviceName) {
        return cloud.ecs().describeServices(r -> r.cluster("greenlight").services(serviceName)).services().get(0);
    }

    @Override
    public void close() {
        cloud.close();
    }
}
