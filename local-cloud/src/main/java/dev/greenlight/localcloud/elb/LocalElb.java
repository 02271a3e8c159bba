package dev.greenlight.localcloud.elb;

import dev.greenlight.localcloud.AwsErrors;
import dev.greenlight.localcloud.Timing;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
import java.util.regex.Pattern;

/**
 * Elastic Load Balancing v2 in-process: application load balancers whose listeners really proxy
 * traffic on loopback ports, target groups with health checks and draining, and the describe
 * calls a release reads back. Validation and errors follow the ELBv2 API reference.
 */
public final class LocalElb implements ElasticLoadBalancingV2Client {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final int MAX_GROUPS_PER_FORWARD = 5;
    private static final int MAX_STICKINESS_SECONDS = 604_800;

    private final String region;
    private final String accountId;
    private final Timing timing;
    private final Duration idleTimeout;
    private final AlbMetrics metrics;
    private final HealthChecker healthChecker;
    private final Map<String, LoadBalancer> balancers = new LinkedHashMap<>();
    private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    private final Map<String, AlbListener> listeners = new LinkedHashMap<>();

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
        return CreateLoadBalancerResponse.builder().loadBalancers(describe(balancer)).build();
    }

    @Override
    public synchronized DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> found = new ArrayList<>();
        if (request.hasLoadBalancerArns() && !request.loadBalancerArns().isEmpty()) {
            request.loadBalancerArns().forEach(arn -> found.add(describe(balancer(arn))));
        } else if (request.hasNames() && !request.names().isEmpty()) {
            for (String name : request.names()) {
                found.add(describe(balancers.values().stream().filter(lb -> lb.name().equals(name)).findFirst()
                        .orElseThrow(() -> error(LoadBalancerNotFoundException.builder(), "LoadBalancerNotFound",
                                "Load balancers '[" + name + "]' not found"))));
            }
        } else {
            balancers.values().forEach(lb -> found.add(describe(lb)));
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
            return CreateTargetGroupResponse.builder().targetGroups(describe(existing)).build();
        }
        String id = newId();
        TargetGroup group = new TargetGroup(arn("targetgroup/" + request.name() + "/" + id), request.name(), id, "HTTP",
                request.port(), request.vpcId(), settings);
        groups.put(group.arn, group);
        return CreateTargetGroupResponse.builder().targetGroups(describe(group)).build();
    }

    @Override
    public synchronized DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> found = new ArrayList<>();
        if (request.hasTargetGroupArns() && !request.targetGroupArns().isEmpty()) {
            request.targetGroupArns().forEach(arn -> found.add(describe(group(arn))));
        } else if (request.hasNames() && !request.names().isEmpty()) {
            for (String name : request.names()) {
                found.add(describe(groups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                        .orElseThrow(() -> error(TargetGroupNotFoundException.builder(), "TargetGroupNotFound",
                                "Target groups '[" + name + "]' not found"))));
            }
        } else if (request.loadBalancerArn() != null) {
            LoadBalancer balancer = balancer(request.loadBalancerArn());
            groupsInUse().forEach((group, lb) -> {
                if (lb == balancer) {
                    found.add(describe(group));
                }
            });
        } else {
            groups.values().forEach(group -> found.add(describe(group)));
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
        return ModifyTargetGroupResponse.builder().targetGroups(describe(group)).build();
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
                .attributes(attributes(group(request.targetGroupArn()))).build();
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
        return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(group)).build();
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
                descriptions.add(health(description.id(), port, target == null ? TargetState.NOT_REGISTERED
                        : visibleState(target, inUse)));
            }
        } else {
            group.targets.values().forEach(target -> descriptions.add(health(target.id, target.port, visibleState(target, inUse))));
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
        List<Action> actions = normalize(request.defaultActions(), balancer, null);
        String suffix = balancer.name() + "/" + balancer.id() + "/" + newId();
        AlbListener listener = new AlbListener(arn("listener/app/" + suffix), arn("listener-rule/app/" + suffix + "/" + newId()),
                balancer, request.port(), idleTimeout, actions, plan(actions));
        try {
            listener.start(metrics);
        } catch (Exception e) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "Cannot listen on 127.0.0.1:" + request.port() + ": " + e.getMessage());
        }
        listeners.put(listener.arn, listener);
        return CreateListenerResponse.builder().listeners(describe(listener)).build();
    }

    @Override
    public synchronized DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> found = new ArrayList<>();
        if (request.hasListenerArns() && !request.listenerArns().isEmpty()) {
            request.listenerArns().forEach(arn -> found.add(describe(listener(arn))));
        } else if (request.loadBalancerArn() != null) {
            LoadBalancer balancer = balancer(request.loadBalancerArn());
            listeners.values().stream().filter(l -> l.balancer() == balancer).forEach(l -> found.add(describe(l)));
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
            List<Action> actions = normalize(request.defaultActions(), listener.balancer(), listener);
            listener.route(actions, plan(actions));
        }
        return ModifyListenerResponse.builder().listeners(describe(listener)).build();
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
            rules.add(defaultRule(listener(request.listenerArn())));
        } else if (request.hasRuleArns() && !request.ruleArns().isEmpty()) {
            for (String ruleArn : request.ruleArns()) {
                rules.add(defaultRule(listeners.values().stream().filter(l -> l.defaultRuleArn.equals(ruleArn)).findFirst()
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
        try {
            healthChecker.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the health checker", e);
        }
    }

    // ---- actions --------------------------------------------------------------------------

    /** Validates a default action list the way ELBv2 does and fills in what AWS fills in. */
    private List<Action> normalize(List<Action> actions, LoadBalancer balancer, AlbListener self) {
        if (actions == null || actions.isEmpty()) {
            throw validation("A listener must have at least one default action");
        }
        if (actions.size() > 1 || actions.get(0).type() != ActionTypeEnum.FORWARD) {
            throw error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                    "The local cloud supports a single 'forward' default action");
        }
        Action action = actions.get(0);
        List<TargetGroupTuple> tuples = new ArrayList<>();
        ForwardActionConfig config = action.forwardConfig();
        if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
            tuples.addAll(config.targetGroups());
            if (action.targetGroupArn() != null && (tuples.size() != 1
                    || !action.targetGroupArn().equals(tuples.get(0).targetGroupArn()))) {
                throw error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                        "You cannot specify both a target group ARN and a forward config with a different target group");
            }
        } else if (action.targetGroupArn() != null) {
            tuples.add(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).weight(1).build());
        } else {
            throw validation("A forward action must specify a target group ARN or a forward config with target groups");
        }
        if (tuples.size() > MAX_GROUPS_PER_FORWARD) {
            throw error(InvalidConfigurationRequestException.builder(), "InvalidConfigurationRequest",
                    "A forward action can have at most " + MAX_GROUPS_PER_FORWARD + " target groups, not " + tuples.size());
        }
        List<TargetGroupTuple> normalized = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            TargetGroupTuple tuple = tuples.get(i);
            int weight = tuple.weight() == null ? 1 : tuple.weight();
            if (weight < 0 || weight > 999) {
                throw validation("1 validation error detected: Value '" + weight + "' at 'defaultActions.1.member.forwardConfig"
                        + ".targetGroups." + (i + 1) + ".member.weight' failed to satisfy constraint: Member must have value "
                        + (weight < 0 ? "greater than or equal to 0" : "less than or equal to 999"));
            }
            TargetGroup group = group(tuple.targetGroupArn());
            if (seen.contains(group.arn)) {
                throw error(InvalidLoadBalancerActionException.builder(), "InvalidLoadBalancerAction",
                        "Target group '" + group.arn + "' appears more than once in the forward action");
            }
            seen.add(group.arn);
            LoadBalancer other = attachedBalancer(group, self);
            if (other != null && other != balancer) {
                throw error(TargetGroupAssociationLimitException.builder(), "TargetGroupAssociationLimit",
                        "The following target groups cannot be associated with more than one load balancer: '" + group.arn + "'");
            }
            normalized.add(TargetGroupTuple.builder().targetGroupArn(group.arn).weight(weight).build());
        }
        TargetGroupStickinessConfig stickiness = config == null || config.targetGroupStickinessConfig() == null
                ? TargetGroupStickinessConfig.builder().enabled(false).build() : config.targetGroupStickinessConfig();
        if (Boolean.TRUE.equals(stickiness.enabled())) {
            Integer duration = stickiness.durationSeconds();
            if (duration == null || duration < 1 || duration > MAX_STICKINESS_SECONDS) {
                throw validation("Target group stickiness duration must be between 1 and " + MAX_STICKINESS_SECONDS + " seconds");
            }
        }
        Action.Builder result = Action.builder().type(ActionTypeEnum.FORWARD).order(action.order() == null ? 1 : action.order())
                .forwardConfig(ForwardActionConfig.builder().targetGroups(normalized).targetGroupStickinessConfig(stickiness).build());
        if (normalized.size() == 1) {
            result.targetGroupArn(normalized.get(0).targetGroupArn());
        }
        return List.of(result.build());
    }

    private ForwardPlan plan(List<Action> actions) {
        ForwardActionConfig config = actions.get(0).forwardConfig();
        List<ForwardPlan.WeightedGroup> weighted = config.targetGroups().stream()
                .map(tuple -> new ForwardPlan.WeightedGroup(groups.get(tuple.targetGroupArn()), tuple.weight()))
                .toList();
        TargetGroupStickinessConfig stickiness = config.targetGroupStickinessConfig();
        boolean sticky = Boolean.TRUE.equals(stickiness.enabled());
        return new ForwardPlan(weighted, sticky, sticky ? stickiness.durationSeconds() : 0);
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

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw validation(what + " name '" + name + "' must be 1–32 alphanumeric characters or hyphens,"
                    + " and must not begin or end with a hyphen");
        }
    }

    private static void requireValid(HealthCheckSettings settings) {
        String problem = settings.problem();
        if (problem != null) {
            throw validation(problem);
        }
    }

    private static void requireTargets(List<TargetDescription> targets) {
        if (targets == null || targets.isEmpty()) {
            throw validation("You must specify at least one target");
        }
    }

    private static void requirePort(Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw validation("1 validation error detected: Value '" + port
                    + "' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
        }
    }

    static AwsServiceException validation(String message) {
        return error(ElasticLoadBalancingV2Exception.builder(), "ValidationError", message);
    }

    static AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return AwsErrors.error(builder, "ElasticLoadBalancingV2", code, message);
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

    // ---- descriptions ---------------------------------------------------------------------

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer describe(LoadBalancer balancer) {
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

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup describe(TargetGroup group) {
        HealthCheckSettings settings = group.healthCheck;
        LoadBalancer balancer = groupsInUse().get(group);
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

    private static List<TargetGroupAttribute> attributes(TargetGroup group) {
        return new java.util.TreeMap<>(group.attributes).entrySet().stream()
                .map(entry -> TargetGroupAttribute.builder().key(entry.getKey()).value(entry.getValue()).build())
                .toList();
    }

    private static TargetHealthDescription health(String id, int port, TargetState state) {
        return TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(id).port(port).build())
                .healthCheckPort(String.valueOf(port))
                .targetHealth(TargetHealth.builder().state(state.state()).reason(state.reason())
                        .description(state.description()).build())
                .build();
    }

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener describe(AlbListener listener) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
                .listenerArn(listener.arn)
                .loadBalancerArn(listener.balancer().arn())
                .port(listener.port())
                .protocol(ProtocolEnum.HTTP)
                .defaultActions(listener.defaultActions())
                .build();
    }

    private static Rule defaultRule(AlbListener listener) {
        return Rule.builder().ruleArn(listener.defaultRuleArn).priority("default").isDefault(true)
                .conditions(List.of()).actions(listener.defaultActions()).build();
    }
}
