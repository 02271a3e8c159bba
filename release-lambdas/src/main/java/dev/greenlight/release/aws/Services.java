package dev.greenlight.release.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.ReleaseProperties;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ECS side of a release: task definitions and the blue and green services. */
public class Services {

    private final EcsClient ecs;
    private final ReleaseProperties properties;

    public Services(EcsClient ecs, ReleaseProperties properties) {
        this.ecs = ecs;
        this.properties = properties;
    }

    /** The service if it exists and is ACTIVE (a DRAINING or INACTIVE service is gone for a release). */
    public Optional<Service> active(String serviceName) {
        return ecs.describeServices(b -> b.cluster(properties.cluster()).services(serviceName)).services().stream()
                .filter(s -> "ACTIVE".equals(s.status()))
                .findFirst();
    }

    /**
     * Whether a deleted service of this name is still DRAINING: ECS refuses a new service of the same name
     * until the old one is INACTIVE.
     */
    public boolean draining(String serviceName) {
        return ecs.describeServices(b -> b.cluster(properties.cluster()).services(serviceName)).services().stream()
                .anyMatch(s -> "DRAINING".equals(s.status()));
    }

    /** The image the service's task definition runs. */
    public String image(Service service) {
        TaskDefinition definition = ecs.describeTaskDefinition(b -> b.taskDefinition(service.taskDefinition()))
                .taskDefinition();
        return definition.containerDefinitions().get(0).image();
    }

    /**
     * Registers a task definition revision for the image, unless the family's latest revision already runs it
     * (a retried Prepare must not pile up revisions).
     */
    public String register(String imageUri, String version) {
        ReleaseProperties.Task task = properties.task();
        Optional<TaskDefinition> latest = latest(task.family());
        if (latest.isPresent() && imageUri.equals(latest.get().containerDefinitions().get(0).image())
                && latest.get().containerDefinitions().get(0).environment().stream()
                        .anyMatch(v -> v.name().equals("BLOG_VERSION") && v.value().equals(version))) {
            return latest.get().taskDefinitionArn();
        }
        ContainerDefinition.Builder container = ContainerDefinition.builder()
                .name(task.containerName())
                .image(imageUri)
                .essential(true)
                .portMappings(PortMapping.builder().containerPort(task.containerPort()).build())
                .environment(environment(task.environment(), version))
                .secrets(task.secrets().entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.ecs.model.Secret.builder().name(e.getKey())
                                .valueFrom(e.getValue()).build())
                        .toList())
                .stopTimeout(30);
        if (task.logGroup() != null && !task.logGroup().isBlank()) {
            container.logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                    "awslogs-group", task.logGroup(),
                    "awslogs-region", task.region(),
                    "awslogs-stream-prefix", "blog")).build());
        }
        return ecs.registerTaskDefinition(b -> b.family(task.family())
                .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(task.cpu())
                .memory(task.memory())
                .executionRoleArn(task.executionRoleArn())
                .taskRoleArn(task.taskRoleArn())
                .containerDefinitions(container.build()))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * Creates the service in a slot, or, if a service of that name is already ACTIVE (a retry, or one left
     * over), moves it to this task definition and desired count.
     */
    public Service deploy(String serviceName, String targetGroupArn, String taskDefinitionArn, String clientToken) {
        ReleaseProperties.Task task = properties.task();
        Optional<Service> existing = active(serviceName);
        if (existing.isPresent()) {
            if (taskDefinitionArn.equals(existing.get().taskDefinition())
                    && existing.get().desiredCount() == task.desiredCount()) {
                return existing.get();
            }
            return ecs.updateService(b -> b.cluster(properties.cluster()).service(serviceName)
                    .taskDefinition(taskDefinitionArn).desiredCount(task.desiredCount())).service();
        }
        return ecs.createService(b -> b.cluster(properties.cluster())
                .serviceName(serviceName)
                .taskDefinition(taskDefinitionArn)
                .desiredCount(task.desiredCount())
                .launchType(LaunchType.fromValue(task.launchType()))
                .clientToken(clientToken)
                .loadBalancers(LoadBalancer.builder().targetGroupArn(targetGroupArn)
                        .containerName(task.containerName()).containerPort(task.containerPort()).build())
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(task.subnets())
                        .securityGroups(task.securityGroups())
                        .assignPublicIp(task.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(c -> c.enable(true).rollback(false))))
                .service();
    }

    /** Makes sure the service runs at least its desired count (blue, before a rollback). */
    public void ensureScaled(String serviceName) {
        int desired = properties.task().desiredCount();
        active(serviceName).filter(s -> s.desiredCount() < desired).ifPresent(s -> ecs.updateService(b -> b
                .cluster(properties.cluster()).service(serviceName).desiredCount(desired)));
    }

    /** Deletes the service, stopping its tasks (ECS drains them from the target group first). Safe to repeat. */
    public boolean delete(String serviceName) {
        if (active(serviceName).isEmpty()) {
            return false;
        }
        ecs.deleteService(b -> b.cluster(properties.cluster()).service(serviceName).force(true));
        return true;
    }

    private Optional<TaskDefinition> latest(String family) {
        try {
            return Optional.of(ecs.describeTaskDefinition(b -> b.taskDefinition(family)).taskDefinition());
        } catch (software.amazon.awssdk.services.ecs.model.ClientException noRevisionYet) {
            return Optional.empty();
        }
    }

    /** The configured environment plus BLOG_VERSION, the tag, which the blog reports in every response. */
    private static List<KeyValuePair> environment(Map<String, String> variables, String version) {
        Map<String, String> all = new java.util.TreeMap<>(variables);
        all.put("BLOG_VERSION", version);
        return all.entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                .toList();
    }
}
