package dev.greenlight.localcloud.elb;

import static dev.greenlight.localcloud.elb.ElbApiErrors.error;
import static dev.greenlight.localcloud.elb.ElbApiErrors.requireName;
import static dev.greenlight.localcloud.elb.ElbApiErrors.requirePort;
import static dev.greenlight.localcloud.elb.ElbApiErrors.requireTargets;
import static dev.greenlight.localcloud.elb.ElbApiErrors.requireValid;
import static dev.greenlight.localcloud.elb.ElbApiErrors.validation;

import dev.greenlight.localcloud.Timing;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Elastic Load Balancing v2 in-process: application load balancers whose listeners really proxy
 * traffic on loopback ports, target groups with health checks and draining, and the describe
 * calls a release reads back. Validation and errors follow the ELBv2 API reference.
 */
public final class LocalElb implements ElasticLoadBalancingV2Client {

    private final String region;
    private final String accountId;
    private final Timing timing;
    private final Duration idleTimeout;
    private final AlbMetrics metrics;
    private final HealthChecker healthChecker;
    private final Map<String, LoadBalancer> balancers = new LinkedHashMap<>();
    private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    private final Map<String, AlbListener> listeners = new LinkedHashMap<>();
    private final ForwardActions forwardActions = new ForwardActions(this::group, this::attachedBalancer);

    /**
     * @param timing      how long one AWS second lasts (health-check interval, deregistration delay)
     * @param idleTimeout the load balancers' idle timeout: a target slower than this gets a 504
     */
    public LocalElb(String region, String accountId, Timing timing, Duration idleTimeout, MetricStore metricStore) {
        this.region = region;
        this.accountId = accountId;
        this.timing = timing;
        this.idleTimeout = idleTimeout;
        this.metrics = new AlbMetrics(metricStore);
        this.healthChecker = new HealthChecker(timing, metrics, this::groupsInUse, this::allGroups);
        try {
            healthChecker.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the health checker", e);
        }
    }

    // ---- load balancers -------------------------------------------------------------------

    @Override
    public synchronized CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest request) {
        requireName(request.name(), "LoadBalancer");
        if (request.name().startsWith("internal-")) {
            throw validation("Load balancer name cannot begin with 'internal-'");
        }
        if (request.type() != null && request.type() != LoadBalancerTypeEnum.APPLICATION) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "The local cloud runs application load balancers only");
        }
        LoadBalancer balancer = balancers.values().stream().filter(lb -> lb.name().equals(request.name())).findFirst()
                .orElseGet(() -> {
                    String id = newId();
                    LoadBalancer created = new LoadBalancer(arn("loadbalancer/app/" + request.name() + "/" + id),
                            request.name(), id, Instant.now());
                    balancers.put(created.arn(), created);
                    return created;
                });
        return CreateLoadBalancerResponse.builder().loadBalancers(ElbDescriptions.of(balancer)).build();
    }

    @Override
    public synchronized DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> found = new ArrayList<>();
        if (request.hasLoadBalancerArns() && !request.loadBalancerArns().isEmpty()) {
            request.loadBalancerArns().forEach(arn -> found.add(ElbDescriptions.of(balancer(arn))));
        } else if (request.hasNames() && !request.names().isEmpty()) {
            for (String name : request.names()) {
                found.add(ElbDescriptions.of(balancers.values().stream().filter(lb -> lb.name().equals(name)).findFirst()
                        .orElseThrow(() -> error(LoadBalancerNotFoundException.builder(), "LoadBalancerNotFound",
                                "Load balancers '[" + name + "]' not found"))));
            }
        } else {
            balancers.values().forEach(lb -> found.add(ElbDescriptions.of(lb)));
        }
        return DescribeLoadBalancersResponse.builder().loadBalancers(found).build();
    }

    // ---- target groups --------------------------------------------------------------------

    @Override
    public synchronized CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest request) {
        requireName(request.name(), "TargetGroup");
        if (request.targetType() != null && request.targetType() != TargetTypeEnum.IP) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "The local cloud supports target type 'ip' only (as Fargate tasks use)");
        }
        if (request.protocol() != null && request.protocol() != ProtocolEnum.HTTP) {
            throw error(UnsupportedProtocolException.builder(), "UnsupportedProtocol",
                    "Protocol '" + request.protocolAsString() + "' is not supported by the local cloud; use HTTP");
        }
        if (request.port() == null || request.port() < 1 || request.port() > 65535) {
            throw validation("A port between 1 and 65535 must be specified for the target group");
        }
        HealthCheckSettings settings = new HealthCheckSettings(
                orDefault(request.healthCheckPath(), HealthCheckSettings.DEFAULTS.path()),
                orDefault(request.healthCheckIntervalSeconds(), HealthCheckSettings.DEFAULTS.intervalSeconds()),
                orDefault(request.healthCheckTimeoutSeconds(), HealthCheckSettings.DEFAULTS.timeoutSeconds()),
                orDefault(request.healthyThresholdCount(), HealthCheckSettings.DEFAULTS.healthyThreshold()),
                orDefault(request.unhealthyThresholdCount(), HealthCheckSettings.DEFAULTS.unhealthyThreshold()),
                request.matcher() == null ? HealthCheckSettings.DEFAULTS.matcher() : request.matcher().httpCode());
        requireValid(settings);
        TargetGroup existing = groups.values().stream().filter(g -> g.name.equals(request.name())).findFirst().orElse(null);
        if (existing != null) {
            if (existing.port != request.port() || !existing.healthCheck.equals(settings)) {
                throw error(DuplicateTargetGroupNameException.builder(), "DuplicateTargetGroupName",
                        "A target group with the same name '" + request.name() + "' exists, but with different settings");
            }
            return CreateTargetGroupResponse.builder().targetGroups(describeGroup(existing)).build();
        }
        String id = newId();
        TargetGroup group = new TargetGroup(arn("targetgroup/" + request.name() + "/" + id), request.name(), id, "HTTP",
                request.port(), request.vpcId(), settings);
        groups.put(group.arn, group);
        return CreateTargetGroupResponse.builder().targetGroups(describeGroup(group)).build();
    }

    @Override
    public synchronized DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> found = new ArrayList<>();
        if (request.hasTargetGroupArns() && !request.targetGroupArns().isEmpty()) {
            request.targetGroupArns().forEach(arn -> found.add(describeGroup(group(arn))));
        } else if (request.hasNames() && !request.names().isEmpty()) {
            for (String name : request.names()) {
                found.add(describeGroup(groups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                        .orElseThrow(() -> error(TargetGroupNotFoundException.builder(), "TargetGroupNotFound",
                                "Target groups '[" + name + "]' not found"))));
            }
        } else if (request.loadBalancerArn() != null) {
            LoadBalancer balancer = balancer(request.loadBalancerArn());
            groupsInUse().forEach((group, lb) -> {
                if (lb == balancer) {
                    found.add(describeGroup(group));
                }
            });
        } else {
            groups.values().forEach(group -> found.add(describeGroup(group)));
        }
        return DescribeTargetGroupsResponse.builder().targetGroups(found).build();
    }

    @Override
    public synchronized ModifyTargetGroupResponse modifyTargetGroup(ModifyTargetGroupRequest request) {
        TargetGroup group = group(request.targetGroupArn());
        HealthCheckSettings current = group.healthCheck;
        HealthCheckSettings settings = new HealthCheckSettings(
                orDefault(request.healthCheckPath(), current.path()),
                orDefault(request.healthCheckIntervalSeconds(), current.intervalSeconds()),
                orDefault(request.healthCheckTimeoutSeconds(), current.timeoutSeconds()),
                orDefault(request.healthyThresholdCount(), current.healthyThreshold()),
                orDefault(request.unhealthyThresholdCount(), current.unhealthyThreshold()),
                request.matcher() == null ? current.matcher() : request.matcher().httpCode());
        requireValid(settings);
        group.healthCheck = settings;
        return ModifyTargetGroupResponse.builder().targetGroups(describeGroup(group)).build();
    }

    @Override
    public synchronized DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest request) {
        TargetGroup group = groups.get(request.targetGroupArn());
        if (group == null) {
            return DeleteTargetGroupResponse.builder().build();
        }
        if (groupsInUse().containsKey(group)) {
            throw error(ResourceInUseException.builder(), "ResourceInUse",
                    "Target group '" + group.arn + "' is currently in use by a listener or a rule");
        }
        groups.remove(group.arn);
        return DeleteTargetGroupResponse.builder().build();
    }

    @Override
    public synchronized DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(
            DescribeTargetGroupAttributesRequest request) {
        return DescribeTargetGroupAttributesResponse.builder()
                .attributes(ElbDescriptions.attributes(group(request.targetGroupArn()))).build();
    }

    @Override
    public synchronized ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(
            ModifyTargetGroupAttributesRequest request) {
        TargetGroup group = group(request.targetGroupArn());
        for (TargetGroupAttribute attribute : request.attributes()) {
            String problem = TargetGroupAttributes.problem(attribute.key(), attribute.value());
            if (problem != null) {
                throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest", problem);
            }
        }
        request.attributes().forEach(attribute -> group.attributes.put(attribute.key(), attribute.value()));
        return ModifyTargetGroupAttributesResponse.builder().attributes(ElbDescriptions.attributes(group)).build();
    }

    // ---- targets --------------------------------------------------------------------------

    @Override
    public synchronized RegisterTargetsResponse registerTargets(RegisterTargetsRequest request) {
        TargetGroup group = group(request.targetGroupArn());
        requireTargets(request.targets());
        for (TargetDescription description : request.targets()) {
            if (!"127.0.0.1".equals(description.id())) {
                throw error(InvalidTargetException.builder(), "InvalidTarget",
                        "The IP address '" + description.id() + "' is not in a range the local cloud can reach; use 127.0.0.1");
            }
            requirePort(description.port());
        }
        for (TargetDescription description : request.targets()) {
            int port = description.port() == null ? group.port : description.port();
            String key = TargetGroup.key(description.id(), port);
            Target existing = group.targets.get(key);
            if (existing == null || existing.isDraining()) {
                group.targets.put(key, new Target(description.id(), port));
            }
        }
        return RegisterTargetsResponse.builder().build();
    }

    @Override
    public synchronized DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest request) {
        TargetGroup group = group(request.targetGroupArn());
        requireTargets(request.targets());
        List<Target> found = new ArrayList<>();
        for (TargetDescription description : request.targets()) {
            Target target = group.targets.get(TargetGroup.key(description.id(),
                    description.port() == null ? group.port : description.port()));
            if (target == null) {
                throw error(InvalidTargetException.builder(), "InvalidTarget", "The following targets are not registered in target group '"
                        + group.arn + "': 'Id=" + description.id() + ",Port=" + description.port() + "'");
            }
            found.add(target);
        }
        long deadline = System.nanoTime() + timing.seconds(group.deregistrationDelaySeconds()).toNanos();
        found.stream().filter(target -> !target.isDraining()).forEach(target -> target.drain(deadline));
        return DeregisterTargetsResponse.builder().build();
    }

    @Override
    public synchronized DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        TargetGroup group = group(request.targetGroupArn());
        boolean inUse = groupsInUse().containsKey(group);
        List<TargetHealthDescription> descriptions = new ArrayList<>();
        if (request.hasTargets() && !request.targets().isEmpty()) {
            for (TargetDescription description : request.targets()) {
                int port = description.port() == null ? group.port : description.port();
                Target target = group.targets.get(TargetGroup.key(description.id(), port));
                descriptions.add(ElbDescriptions.health(description.id(), port, target == null ? TargetState.NOT_REGISTERED
                        : visibleState(target, inUse)));
            }
        } else {
            group.targets.values().forEach(target -> descriptions.add(ElbDescriptions.health(target.id, target.port, visibleState(target, inUse))));
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    // ---- listeners and rules --------------------------------------------------------------

    @Override
    public synchronized CreateListenerResponse createListener(CreateListenerRequest request) {
        LoadBalancer balancer = balancer(request.loadBalancerArn());
        if (request.port() == null) {
            throw validation("A listener port must be specified");
        }
        requirePort(request.port());
        if (request.protocol() != null && request.protocol() != ProtocolEnum.HTTP) {
            throw error(UnsupportedProtocolException.builder(), "UnsupportedProtocol",
                    "Protocol '" + request.protocolAsString() + "' is not supported by the local cloud; use HTTP");
        }
        if (listeners.values().stream().anyMatch(l -> l.balancer() == balancer && l.port() == request.port())) {
            throw error(DuplicateListenerException.builder(), "DuplicateListener", "A listener already exists on this port for this load balancer");
        }
        List<Action> actions = forwardActions.normalize(request.defaultActions(), balancer, null);
        String suffix = balancer.name() + "/" + balancer.id() + "/" + newId();
        AlbListener listener = new AlbListener(arn("listener/app/" + suffix), arn("listener-rule/app/" + suffix + "/" + newId()),
                balancer, request.port(), idleTimeout, actions, forwardActions.plan(actions));
        try {
            listener.start(metrics);
        } catch (Exception e) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "Cannot listen on 127.0.0.1:" + request.port() + ": " + e.getMessage());
        }
        listeners.put(listener.arn, listener);
        return CreateListenerResponse.builder().listeners(ElbDescriptions.of(listener)).build();
    }

    @Override
    public synchronized DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> found = new ArrayList<>();
        if (request.hasListenerArns() && !request.listenerArns().isEmpty()) {
            request.listenerArns().forEach(arn -> found.add(ElbDescriptions.of(listener(arn))));
        } else if (request.loadBalancerArn() != null) {
            LoadBalancer balancer = balancer(request.loadBalancerArn());
            listeners.values().stream().filter(l -> l.balancer() == balancer).forEach(l -> found.add(ElbDescriptions.of(l)));
        } else {
            throw validation("You must specify either listener ARNs or a load balancer ARN");
        }
        return DescribeListenersResponse.builder().listeners(found).build();
    }

    @Override
    public synchronized ModifyListenerResponse modifyListener(ModifyListenerRequest request) {
        AlbListener listener = listener(request.listenerArn());
        if (request.port() != null && request.port() != listener.port()) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "The local cloud cannot move a listener to another port; create a new listener");
        }
        if (request.hasDefaultActions() && !request.defaultActions().isEmpty()) {
            List<Action> actions = forwardActions.normalize(request.defaultActions(), listener.balancer(), listener);
            listener.route(actions, forwardActions.plan(actions));
        }
        return ModifyListenerResponse.builder().listeners(ElbDescriptions.of(listener)).build();
    }

    @Override
    public synchronized DeleteListenerResponse deleteListener(DeleteListenerRequest request) {
        AlbListener listener = listener(request.listenerArn());
        listeners.remove(listener.arn);
        listener.stop();
        return DeleteListenerResponse.builder().build();
    }

    @Override
    public synchronized DescribeRulesResponse describeRules(DescribeRulesRequest request) {
        List<Rule> rules = new ArrayList<>();
        if (request.listenerArn() != null) {
            rules.add(ElbDescriptions.defaultRule(listener(request.listenerArn())));
        } else if (request.hasRuleArns() && !request.ruleArns().isEmpty()) {
            for (String ruleArn : request.ruleArns()) {
                rules.add(ElbDescriptions.defaultRule(listeners.values().stream().filter(l -> l.defaultRuleArn.equals(ruleArn)).findFirst()
                        .orElseThrow(() -> error(RuleNotFoundException.builder(), "RuleNotFound", "One or more rules not found"))));
            }
        } else {
            throw validation("You must specify either listener ARN or rule ARNs");
        }
        return DescribeRulesResponse.builder().rules(rules).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Stops every listener and the health checker. */
    @Override
    public synchronized void close() {
        listeners.values().forEach(AlbListener::stop);
        listeners.clear();
        healthChecker.close();
    }

    // ---- state views ----------------------------------------------------------------------

    private synchronized Map<TargetGroup, LoadBalancer> groupsInUse() {
        Map<TargetGroup, LoadBalancer> inUse = new IdentityHashMap<>();
        for (AlbListener listener : listeners.values()) {
            listener.plan().groups().forEach(weighted -> inUse.put(weighted.group(), listener.balancer()));
        }
        return inUse;
    }

    private synchronized Iterable<TargetGroup> allGroups() {
        return List.copyOf(groups.values());
    }

    private LoadBalancer attachedBalancer(TargetGroup group, AlbListener except) {
        return listeners.values().stream().filter(l -> l != except && l.plan().routesTo(group))
                .map(AlbListener::balancer).findFirst().orElse(null);
    }

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup describeGroup(TargetGroup group) {
        return ElbDescriptions.of(group, groupsInUse().get(group));
    }

    private static TargetState visibleState(Target target, boolean groupInUse) {
        TargetState state = target.state();
        return groupInUse || state == TargetState.DRAINING ? state : TargetState.NOT_IN_USE;
    }

    // ---- lookups and validation -----------------------------------------------------------

    private LoadBalancer balancer(String arn) {
        LoadBalancer balancer = arn == null ? null : balancers.get(arn);
        if (balancer == null) {
            throw error(LoadBalancerNotFoundException.builder(), "LoadBalancerNotFound", "Load balancer '" + arn + "' not found");
        }
        return balancer;
    }

    private TargetGroup group(String arn) {
        TargetGroup group = arn == null ? null : groups.get(arn);
        if (group == null) {
            throw error(TargetGroupNotFoundException.builder(), "TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        return group;
    }

    private AlbListener listener(String arn) {
        AlbListener listener = arn == null ? null : listeners.get(arn);
        if (listener == null) {
            throw error(ListenerNotFoundException.builder(), "ListenerNotFound", "One or more listeners not found");
        }
        return listener;
    }

    private String arn(String resource) {
        return "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":" + resource;
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

}
