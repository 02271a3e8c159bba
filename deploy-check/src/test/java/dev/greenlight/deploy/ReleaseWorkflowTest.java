package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Evaluator.Unknown;
import dev.greenlight.deploy.hcl.Hcl;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.release.ReleaseFunctionsApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state machine runs statemachine/release.asl.json with each Resource placeholder bound to its
 * function's alias; an image push starts it; the listeners start on slot A and are then the release's.
 */
class ReleaseWorkflowTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    private final Scope root = Repo.rootScope();
    private final Scope release = root.child("release");
    private final Scope cluster = root.child("cluster");

    @Test
    void theDefinition_isReleaseAslJson_withEachPlaceholderBoundToItsFunctionsAlias() {
        Hcl.Call templatefile = call(release.module().resource("aws_sfn_state_machine", "release").body().attribute("definition"));
        assertThat(file(templatefile)).isEqualTo(Repo.path("statemachine/release.asl.json"));

        Map<?, ?> variables = (Map<?, ?>) Evaluator.eval(templatefile.args().get(1), release);
        Set<String> placeholders = placeholders("statemachine/release.asl.json");
        assertThat(new TreeSet<>(variables.keySet().stream().map(String::valueOf).toList())).isEqualTo(placeholders);

        Map<String, String> functionByPlaceholder = new LinkedHashMap<>();
        ReleaseFunctionsApplication.STEPS.forEach(f -> functionByPlaceholder.put(
                f.substring(0, 1).toUpperCase(Locale.ROOT) + f.substring(1) + "FunctionArn", f));
        assertThat(placeholders).as("every function is a step of the workflow, and every step a function")
                .isEqualTo(new TreeSet<>(functionByPlaceholder.keySet()));
        variables.forEach((placeholder, value) -> assertThat(value).as("%s", placeholder)
                .isEqualTo(new Unknown("aws_lambda_alias.live[\"" + functionByPlaceholder.get(placeholder) + "\"].arn")));
    }

    /** templatefile reads ${...} and %{...}: the files may hold only the placeholders Terraform fills. */
    @Test
    void theTemplates_holdNothingElseTemplatefileWouldInterpret() {
        for (String file : List.of("statemachine/release.asl.json", "statemachine/ecr-push.pattern.json")) {
            String text = Repo.read(file);
            assertThat(text).as(file).doesNotContain("%{");
            assertThat(text.replaceAll("\\$\\{\\w+}", "")).as(file).doesNotContain("${");
        }
    }

    @Test
    void everyTaskResource_inReleaseAslJson_isAPlaceholder() {
        JsonNode definition = JsonMapper.builder().build().readTree(Repo.read("statemachine/release.asl.json"));
        List<String> resources = new ArrayList<>();
        collectResources(definition, resources);
        assertThat(resources).isNotEmpty().allMatch(r -> PLACEHOLDER.matcher(r).matches());
    }

    @Test
    void theStateMachine_logsAndTraces() {
        Hcl.Body machine = release.module().resource("aws_sfn_state_machine", "release").body();
        assertThat(Evaluator.eval(machine.attribute("type"), release)).isEqualTo("STANDARD");
        assertThat(Evaluator.eval(machine.block("logging_configuration").body().attribute("level"), release)).isEqualTo("ALL");
        assertThat(Evaluator.eval(machine.block("logging_configuration").body().attribute("include_execution_data"), release)).isEqualTo(true);
        assertThat(Evaluator.eval(machine.block("tracing_configuration").body().attribute("enabled"), release)).isEqualTo(true);
    }

    @Test
    void anImagePush_startsTheStateMachine_throughTheEventPatternFile() {
        Hcl.Call templatefile = call(release.module().resource("aws_cloudwatch_event_rule", "image_pushed").body().attribute("event_pattern"));
        assertThat(file(templatefile)).isEqualTo(Repo.path("statemachine/ecr-push.pattern.json"));
        Map<?, ?> variables = (Map<?, ?>) Evaluator.eval(templatefile.args().get(1), release);
        assertThat(new TreeSet<>(variables.keySet().stream().map(String::valueOf).toList()))
                .isEqualTo(placeholders("statemachine/ecr-push.pattern.json"));
        assertThat(variables.get("RepositoryName")).isEqualTo(new Unknown("aws_ecr_repository.blog.name"));

        Hcl.Body target = release.module().resource("aws_cloudwatch_event_target", "start_release").body();
        assertThat(Evaluator.eval(target.attribute("rule"), release)).isEqualTo(new Unknown("aws_cloudwatch_event_rule.image_pushed.name"));
        assertThat(Evaluator.eval(target.attribute("arn"), release)).isEqualTo(new Unknown("aws_sfn_state_machine.release.arn"));
    }

    @Test
    void theEndOfEveryRelease_isPublishedToTheTopic() {
        String pattern = (String) Evaluator.eval(release.module().resource("aws_cloudwatch_event_rule", "release_ended")
                .body().attribute("event_pattern"), release);
        JsonNode json = JsonMapper.builder().build().readTree(pattern);
        assertThat(json.get("source").get(0).asString()).isEqualTo("aws.states");
        assertThat(json.get("detail").get("status").toString()).contains("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");
        assertThat(json.get("detail").get("stateMachineArn").toString()).contains("aws_sfn_state_machine.release.arn");
        assertThat(Evaluator.eval(release.module().resource("aws_cloudwatch_event_target", "notify").body().attribute("arn"), release))
                .isEqualTo(new Unknown("aws_sns_topic.releases.arn"));
    }

    /** The first release: no blog service from Terraform, slot A takes all traffic, and the release owns the weights after. */
    @Test
    void theListeners_startOnSlotA_andLeaveTheirActionsToTheRelease() {
        for (Scope scope : List.of(root, release, cluster, root.child("network"), root.child("data"), root.child("registry"))) {
            assertThat(scope.module().resources("aws_ecs_service")).as("Terraform creates no ECS service").isEmpty();
        }
        Hcl.Body production = cluster.module().resource("aws_lb_listener", "production").body();
        Map<Object, Object> weights = new LinkedHashMap<>();
        for (Block group : production.block("default_action").body().block("forward").body().blocks("target_group")) {
            weights.put(Evaluator.eval(group.body().attribute("arn"), cluster), Evaluator.eval(group.body().attribute("weight"), cluster));
        }
        assertThat(weights).containsExactly(
                Map.entry(new Unknown("aws_lb_target_group.slot[\"A\"].arn"), new java.math.BigDecimal("100")),
                Map.entry(new Unknown("aws_lb_target_group.slot[\"B\"].arn"), new java.math.BigDecimal("0")));
        for (String listener : List.of("production", "test")) {
            Hcl.Body lifecycle = cluster.module().resource("aws_lb_listener", listener).body().block("lifecycle").body();
            assertThat(lifecycle.attribute("ignore_changes").text()).as(listener).contains("default_action");
        }
        for (Block listener : cluster.module().resources("aws_lb_listener")) {
            String type = (String) Evaluator.eval(listener.body().block("default_action").body().attribute("type"), cluster);
            assertThat(type.equals("redirect") || listener.body().blocks("lifecycle").size() == 1)
                    .as("%s forwards, so the release owns it", listener.where()).isTrue();
        }
    }

    @Test
    void theRootOutputs_theBlogUrl_stateMachine_repository_andDashboard() {
        assertThat(root.module().outputs()).containsKeys("blog_url", "state_machine_arn", "repository_url", "dashboard_url");
        assertThat(Evaluator.eval(root.module().outputs().get("state_machine_arn").body().attribute("value"), root))
                .isEqualTo(new Unknown("aws_sfn_state_machine.release.arn"));
        Object dashboard = Evaluator.eval(root.module().outputs().get("dashboard_url").body().attribute("value"), root);
        assertThat(dashboard.toString()).contains("console.aws.amazon.com/cloudwatch").contains("#dashboards/dashboard/");
    }

    @Test
    void theDashboard_showsTrafficShareRequests5xxAndLatencyPerSlot() {
        String body = String.valueOf(Evaluator.eval(release.module().resource("aws_cloudwatch_dashboard", "release").body()
                .attribute("dashboard_body"), release));
        for (String metric : List.of("RequestCount", "HTTPCode_Target_5XX_Count", "TargetResponseTime", "HealthyHostCount")) {
            assertThat(body).contains("\"" + metric + "\"");
        }
        assertThat(body).contains("aws_lb_target_group.slot[\\\"A\\\"].arn_suffix").contains("aws_lb_target_group.slot[\\\"B\\\"].arn_suffix")
                .contains("100 * FILL(a, 0)");
    }

    private static Hcl.Call call(Hcl.Expr expr) {
        assertThat(expr).isInstanceOf(Hcl.Call.class);
        Hcl.Call call = (Hcl.Call) expr;
        assertThat(call.name()).isEqualTo("templatefile");
        return call;
    }

    private Path file(Hcl.Call templatefile) {
        return Path.of((String) Evaluator.eval(templatefile.args().get(0), release)).normalize();
    }

    private static Set<String> placeholders(String file) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(Repo.read(file));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void collectResources(JsonNode node, List<String> resources) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Resource") && e.getValue().isString()) {
                    resources.add(e.getValue().asString());
                } else {
                    collectResources(e.getValue(), resources);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectResources(child, resources));
        }
    }
}
