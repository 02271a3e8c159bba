package dev.greenlight.localcloud.ecs;

import dev.greenlight.localcloud.AwsErrors;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Task definition families and their revisions, validated as ECS validates Fargate task definitions. */
final class TaskDefinitions {

    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    // Fargate's valid CPU units and the memory (MiB) each allows.
    private static final Map<Integer, int[]> FARGATE_MEMORY = Map.of(
            256, new int[]{512, 1024, 2048},
            512, new int[]{1024, 2048, 3072, 4096},
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024));

    private final String region;
    private final String accountId;
    private final Map<String, List<TaskDefinition>> families = new LinkedHashMap<>();

    TaskDefinitions(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    synchronized TaskDefinition register(RegisterTaskDefinitionRequest request) {
        validate(request);
        List<TaskDefinition> revisions = families.computeIfAbsent(request.family(), family -> new ArrayList<>());
        int revision = revisions.size() + 1;
        TaskDefinition definition = TaskDefinition.builder()
                .taskDefinitionArn("arn:aws:ecs:" + region + ":" + accountId + ":task-definition/" + request.family() + ":" + revision)
                .family(request.family())
                .revision(revision)
                .containerDefinitions(request.containerDefinitions())
                .cpu(request.cpu())
                .memory(request.memory())
                .networkMode(request.networkMode() == null ? NetworkMode.AWSVPC : request.networkMode())
                .requiresCompatibilities(request.requiresCompatibilities())
                .compatibilities(Compatibility.EC2, Compatibility.FARGATE)
                .executionRoleArn(request.executionRoleArn())
                .taskRoleArn(request.taskRoleArn())
                .status(TaskDefinitionStatus.ACTIVE)
                .registeredAt(Instant.now())
                .build();
        revisions.add(definition);
        return definition;
    }

    /** Resolves {@code family}, {@code family:revision} or a full ARN; ClientException when unknown. */
    synchronized TaskDefinition find(String reference) {
        String familyRevision = reference == null ? "" : reference.substring(reference.lastIndexOf('/') + 1);
        int colon = familyRevision.lastIndexOf(':');
        String family = colon < 0 ? familyRevision : familyRevision.substring(0, colon);
        List<TaskDefinition> revisions = families.getOrDefault(family, List.of());
        TaskDefinition found = null;
        if (colon < 0) {
            found = revisions.stream().filter(d -> d.status() == TaskDefinitionStatus.ACTIVE)
                    .reduce((first, second) -> second).orElse(null);
        } else {
            try {
                int revision = Integer.parseInt(familyRevision.substring(colon + 1));
                found = revision >= 1 && revision <= revisions.size() ? revisions.get(revision - 1) : null;
            } catch (NumberFormatException e) {
                found = null;
            }
        }
        if (found == null) {
            throw AwsErrors.error(ClientException.builder(), "ECS", "ClientException", "Unable to describe task definition.");
        }
        return found;
    }

    synchronized TaskDefinition deregister(String reference) {
        TaskDefinition found = find(reference);
        TaskDefinition inactive = found.toBuilder().status(TaskDefinitionStatus.INACTIVE).deregisteredAt(Instant.now()).build();
        families.get(found.family()).set(found.revision() - 1, inactive);
        return inactive;
    }

    synchronized List<String> arns(String familyPrefix) {
        return families.entrySet().stream()
                .filter(entry -> familyPrefix == null || entry.getKey().startsWith(familyPrefix))
                .flatMap(entry -> entry.getValue().stream())
                .filter(d -> d.status() == TaskDefinitionStatus.ACTIVE)
                .map(TaskDefinition::taskDefinitionArn)
                .toList();
    }

    private static void validate(RegisterTaskDefinitionRequest request) {
        if (request.family() == null || !FAMILY.matcher(request.family()).matches()) {
            throw invalid("Family '" + request.family() + "' must be up to 255 letters, numbers, hyphens and underscores.");
        }
        if (!request.hasContainerDefinitions() || request.containerDefinitions().isEmpty()) {
            throw invalid("Container definitions must not be empty.");
        }
        Set<String> names = new HashSet<>();
        for (ContainerDefinition container : request.containerDefinitions()) {
            if (container.name() == null || container.image() == null) {
                throw invalid("Container.name and Container.image should not be null or empty.");
            }
            if (!names.add(container.name())) {
                throw invalid("Container names must be unique within a task definition: " + container.name());
            }
            if (container.stopTimeout() != null && (container.stopTimeout() < 0 || container.stopTimeout() > 120)) {
                throw invalid("Container stopTimeout must be between 0 and 120 seconds on Fargate.");
            }
        }
        boolean fargate = request.hasRequiresCompatibilities() && request.requiresCompatibilities().contains(Compatibility.FARGATE);
        if (fargate) {
            if (request.networkMode() != null && request.networkMode() != NetworkMode.AWSVPC) {
                throw invalid("Fargate only supports network mode 'awsvpc'.");
            }
            if (request.cpu() == null || request.memory() == null) {
                throw invalid("Fargate requires task definition to have cpu and memory values.");
            }
            int[] memories = FARGATE_MEMORY.get(parse(request.cpu()));
            int memory = parse(request.memory());
            if (memories == null || java.util.Arrays.stream(memories).noneMatch(m -> m == memory)) {
                throw AwsErrors.error(ClientException.builder(), "ECS", "ClientException",
                        "No Fargate configuration exists for given values: " + request.cpu() + " CPU, " + request.memory() + " memory.");
            }
        }
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            throw invalid("'" + number + "' is not a whole number of CPU units or MiB.");
        }
    }

    private static int[] range(int from, int to, int step) {
        return java.util.stream.IntStream.iterate(from, m -> m <= to, m -> m + step).toArray();
    }

    private static InvalidParameterException invalid(String message) {
        return AwsErrors.error(InvalidParameterException.builder(), "ECS", "InvalidParameterException", message);
    }
}
