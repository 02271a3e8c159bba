package dev.greenlight.localcloud.ecs;

import dev.greenlight.localcloud.AwsErrors;
import dev.greenlight.localcloud.Timing;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.process.ChildProcesses;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Amazon ECS in-process, for Fargate services behind the local ALB: task definitions, clusters,
 * services (idempotent creation by client token, desired count, deployments and events, deletion
 * through DRAINING to INACTIVE) and tasks that are real child processes.
 */
public final class LocalEcs implements EcsClient {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,254}");
    private static final long SCHEDULER_TICK_MILLIS = 200;

    private final String region;
    private final String accountId;
    private final ElasticLoadBalancingV2Client elb;
    private final TaskDefinitions taskDefinitions;
    private final TaskRunner runner;
    private final ServiceScheduler scheduler;
    private final Map<String, String> clusters = new LinkedHashMap<>();
    private final Map<String, List<EcsService>> services = new LinkedHashMap<>();
    private final Map<String, EcsTask> tasks = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ecs-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param children     starts the task processes (and makes sure none outlives the local cloud)
     * @param ecr          resolves a container's image URI to the jar to run
     * @param elb          the load balancer tasks are registered with
     * @param timing       how long an AWS second lasts (stop timeouts, deregistration delays)
     * @param logDir       where each task's stdout and stderr go, one file per task
     * @param startTimeout how long a task may take to listen on its port before it counts as failed to start
     */
    public LocalEcs(String region, String accountId, ChildProcesses children, LocalEcr ecr, ElasticLoadBalancingV2Client elb,
                    Timing timing, Path logDir, Duration startTimeout) {
        this.region = region;
        this.accountId = accountId;
        this.elb = elb;
        this.taskDefinitions = new TaskDefinitions(region, accountId);
        this.runner = new TaskRunner(children, ecr, elb, timing, logDir, startTimeout);
        this.scheduler = new ServiceScheduler(this::allServices, this::newTask, runner, elb, timing);
        ticker.scheduleWithFixedDelay(scheduler::reconcileAll, SCHEDULER_TICK_MILLIS, SCHEDULER_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- clusters -------------------------------------------------------------------------

    @Override
    public synchronized CreateClusterResponse createCluster(CreateClusterRequest request) {
        String name = request.clusterName() == null ? "default" : request.clusterName();
        requireName(name, "clusterName");
        clusters.putIfAbsent(name, "arn:aws:ecs:" + region + ":" + accountId + ":cluster/" + name);
        return CreateClusterResponse.builder().cluster(describeCluster(name)).build();
    }

    @Override
    public synchronized DescribeClustersResponse describeClusters(DescribeClustersRequest request) {
        List<Cluster> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<String> wanted = request.hasClusters() && !request.clusters().isEmpty() ? request.clusters() : List.of("default");
        for (String reference : wanted) {
            String name = shortName(reference);
            if (clusters.containsKey(name)) {
                found.add(describeCluster(name));
            } else {
                failures.add(Failure.builder().arn(reference).reason("MISSING").build());
            }
        }
        return DescribeClustersResponse.builder().clusters(found).failures(failures).build();
    }

    // ---- task definitions -----------------------------------------------------------------

    @Override
    public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        return RegisterTaskDefinitionResponse.builder().taskDefinition(taskDefinitions.register(request)).build();
    }

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest request) {
        return DescribeTaskDefinitionResponse.builder().taskDefinition(taskDefinitions.find(request.taskDefinition())).build();
    }

    @Override
    public DeregisterTaskDefinitionResponse deregisterTaskDefinition(DeregisterTaskDefinitionRequest request) {
        return DeregisterTaskDefinitionResponse.builder().taskDefinition(taskDefinitions.deregister(request.taskDefinition())).build();
    }

    @Override
    public ListTaskDefinitionsResponse listTaskDefinitions(ListTaskDefinitionsRequest request) {
        return ListTaskDefinitionsResponse.builder().taskDefinitionArns(taskDefinitions.arns(request.familyPrefix())).build();
    }

    // ---- services -------------------------------------------------------------------------

    @Override
    public synchronized CreateServiceResponse createService(CreateServiceRequest request) {
        String cluster = cluster(request.cluster());
        requireName(request.serviceName(), "serviceName");
        EcsService existing = current(cluster, request.serviceName());
        if (existing != null && !"INACTIVE".equals(existing.status())) {
            if (request.clientToken() != null && request.clientToken().equals(existing.request.clientToken())
                    && sameShape(request, existing.request)) {
                return CreateServiceResponse.builder().service(existing.describe()).build();
            }
            throw invalid("Creation of service was not idempotent.");
        }
        if (request.desiredCount() == null || request.desiredCount() < 0) {
            throw invalid("desiredCount must be specified and at least 0 for a REPLICA service.");
        }
        if (request.launchType() != null && request.launchType() != LaunchType.FARGATE) {
            throw invalid("The local cloud runs the FARGATE launch type only.");
        }
        if (request.clientToken() != null && request.clientToken().length() > 36) {
            throw invalid("clientToken must be at most 36 characters.");
        }
        TaskDefinition definition = active(taskDefinitions.find(request.taskDefinition()));
        validateLoadBalancers(request, definition);
        String arn = "arn:aws:ecs:" + region + ":" + accountId + ":service/" + cluster + "/" + request.serviceName();
        EcsService service = new EcsService(arn, clusters.get(cluster), request, definition);
        services.computeIfAbsent(cluster, c -> new ArrayList<>()).add(service);
        return CreateServiceResponse.builder().service(service.describe()).build();
    }

    @Override
    public synchronized UpdateServiceResponse updateService(UpdateServiceRequest request) {
        EcsService service = service(cluster(request.cluster()), request.service());
        if (!"ACTIVE".equals(service.status())) {
            throw AwsErrors.error(ServiceNotActiveException.builder(), "ECS", "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (request.desiredCount() != null && request.desiredCount() < 0) {
            throw invalid("desiredCount must be at least 0.");
        }
        TaskDefinition definition = request.taskDefinition() == null ? service.primary().definition
                : active(taskDefinitions.find(request.taskDefinition()));
        if (request.desiredCount() != null) {
            service.desiredCount(request.desiredCount());
        }
        boolean newDefinition = !definition.taskDefinitionArn().equals(service.primary().definition.taskDefinitionArn());
        if (newDefinition || Boolean.TRUE.equals(request.forceNewDeployment())) {
            service.deploy(definition, null);
        }
        return UpdateServiceResponse.builder().service(service.describe()).build();
    }

    @Override
    public synchronized DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        String cluster = cluster(request.cluster());
        if (!request.hasServices() || request.services().isEmpty() || request.services().size() > 10) {
            throw invalid("services must contain between 1 and 10 service names or ARNs.");
        }
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : request.services()) {
            EcsService service = current(cluster, shortName(reference));
            if (service == null) {
                failures.add(Failure.builder().arn(reference.startsWith("arn:") ? reference
                        : "arn:aws:ecs:" + region + ":" + accountId + ":service/" + cluster + "/" + reference).reason("MISSING").build());
            } else {
                found.add(service.describe());
            }
        }
        return DescribeServicesResponse.builder().services(found).failures(failures).build();
    }

    @Override
    public synchronized ListServicesResponse listServices(ListServicesRequest request) {
        String cluster = cluster(request.cluster());
        return ListServicesResponse.builder().serviceArns(services.getOrDefault(cluster, List.of()).stream()
                .filter(service -> !"INACTIVE".equals(service.status())).map(service -> service.arn).toList()).build();
    }

    @Override
    public synchronized DeleteServiceResponse deleteService(DeleteServiceRequest request) {
        EcsService service = service(cluster(request.cluster()), request.service());
        if (!"ACTIVE".equals(service.status())) {
            throw AwsErrors.error(ServiceNotActiveException.builder(), "ECS", "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (service.desiredCount() > 0 && !Boolean.TRUE.equals(request.force())) {
            throw invalid("The service cannot be stopped while it is scaled above 0.");
        }
        service.desiredCount(0);
        service.status("DRAINING");
        return DeleteServiceResponse.builder().service(service.describe()).build();
    }

    // ---- tasks ----------------------------------------------------------------------------

    @Override
    public synchronized ListTasksResponse listTasks(ListTasksRequest request) {
        String cluster = cluster(request.cluster());
        EcsService service = request.serviceName() == null ? null : service(cluster, request.serviceName());
        String desired = request.desiredStatus() == null ? "RUNNING" : request.desiredStatusAsString();
        List<String> arns = tasks.values().stream()
                .filter(task -> task.clusterArn.equals(clusters.get(cluster)))
                .filter(task -> service == null || task.service == service)
                .filter(task -> desired.equals(task.wantsToRun() ? "RUNNING" : "STOPPED"))
                .map(task -> task.arn)
                .toList();
        return ListTasksResponse.builder().taskArns(arns).build();
    }

    @Override
    public synchronized DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        String cluster = cluster(request.cluster());
        if (!request.hasTasks() || request.tasks().isEmpty() || request.tasks().size() > 100) {
            throw invalid("tasks must contain between 1 and 100 task IDs or ARNs.");
        }
        List<Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String reference : request.tasks()) {
            EcsTask task = tasks.get(shortName(reference));
            if (task == null || !task.clusterArn.equals(clusters.get(cluster))) {
                failures.add(Failure.builder().arn(reference).reason("MISSING").build());
            } else {
                found.add(task.describe());
            }
        }
        return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
    }

    @Override
    public synchronized StopTaskResponse stopTask(StopTaskRequest request) {
        String cluster = cluster(request.cluster());
        EcsTask task = request.task() == null ? null : tasks.get(shortName(request.task()));
        if (task == null || !task.clusterArn.equals(clusters.get(cluster))) {
            throw invalid("The referenced task was not found.");
        }
        runner.stop(task, request.reason() == null ? "Task stopped by user" : request.reason(), TaskStopCode.USER_INITIATED);
        return StopTaskResponse.builder().task(task.describe()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Stops the scheduler; the task processes are stopped by their {@link ChildProcesses}. */
    @Override
    public void close() {
        ticker.shutdownNow();
        runner.close();
    }

    // ---- internals ------------------------------------------------------------------------

    private synchronized Collection<EcsService> allServices() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    private synchronized EcsTask newTask(EcsService service) {
        String id = randomHex(16);
        String cluster = shortName(service.clusterArn);
        ServiceDeployment deployment = service.primary();
        EcsTask task = new EcsTask("arn:aws:ecs:" + region + ":" + accountId + ":task/" + cluster + "/" + id, id,
                service.clusterArn, service, deployment.id, deployment.definition);
        service.tasks.add(task);
        tasks.put(id, task);
        return task;
    }

    private void validateLoadBalancers(CreateServiceRequest request, TaskDefinition definition) {
        if (!request.hasLoadBalancers()) {
            return;
        }
        if (request.loadBalancers().size() > 1) {
            throw invalid("The local cloud attaches a service to one target group.");
        }
        for (software.amazon.awssdk.services.ecs.model.LoadBalancer balancer : request.loadBalancers()) {
            ContainerDefinition container = definition.containerDefinitions().stream()
                    .filter(c -> c.name().equals(balancer.containerName())).findFirst()
                    .orElseThrow(() -> invalid("The container " + balancer.containerName()
                            + " does not exist in the task definition."));
            boolean portMapped = container.portMappings().stream()
                    .anyMatch(mapping -> Objects.equals(mapping.containerPort(), balancer.containerPort()));
            if (!portMapped) {
                throw invalid("The container " + balancer.containerName() + " did not have a container port "
                        + balancer.containerPort() + " defined.");
            }
            try {
                elb.describeTargetGroups(r -> r.targetGroupArns(balancer.targetGroupArn()));
            } catch (TargetGroupNotFoundException e) {
                throw invalid("Unable to find target group " + balancer.targetGroupArn() + ".");
            }
        }
    }

    private static TaskDefinition active(TaskDefinition definition) {
        if (definition.status() != TaskDefinitionStatus.ACTIVE) {
            throw AwsErrors.error(ClientException.builder(), "ECS", "ClientException", "TaskDefinition is inactive");
        }
        return definition;
    }

    private static boolean sameShape(CreateServiceRequest a, CreateServiceRequest b) {
        return Objects.equals(a.taskDefinition(), b.taskDefinition()) && Objects.equals(a.desiredCount(), b.desiredCount())
                && Objects.equals(a.loadBalancers(), b.loadBalancers());
    }

    private EcsService current(String cluster, String name) {
        List<EcsService> all = services.getOrDefault(cluster, List.of());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).name.equals(name)) {
                return all.get(i);
            }
        }
        return null;
    }

    private EcsService service(String cluster, String reference) {
        EcsService service = reference == null ? null : current(cluster, shortName(reference));
        if (service == null) {
            throw AwsErrors.error(ServiceNotFoundException.builder(), "ECS", "ServiceNotFoundException", "Service not found.");
        }
        return service;
    }

    private String cluster(String reference) {
        String name = reference == null ? "default" : shortName(reference);
        if (!clusters.containsKey(name)) {
            throw AwsErrors.error(ClusterNotFoundException.builder(), "ECS", "ClusterNotFoundException", "Cluster not found.");
        }
        return name;
    }

    private Cluster describeCluster(String name) {
        long running = tasks.values().stream().filter(t -> t.clusterArn.equals(clusters.get(name)) && t.wantsToRun()).count();
        long active = services.getOrDefault(name, List.of()).stream().filter(s -> "ACTIVE".equals(s.status())).count();
        return Cluster.builder().clusterName(name).clusterArn(clusters.get(name)).status("ACTIVE")
                .runningTasksCount((int) running).activeServicesCount((int) active).build();
    }

    private static String shortName(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    private static void requireName(String name, String parameter) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid(parameter + " '" + name + "' must start with a letter and contain up to 255 letters, numbers,"
                    + " hyphens and underscores.");
        }
    }

    private static AwsServiceException invalid(String message) {
        return AwsErrors.error(InvalidParameterException.builder(), "ECS", "InvalidParameterException", message);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
