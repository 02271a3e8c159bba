package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Evaluator.Unknown;
import dev.greenlight.deploy.hcl.Hcl;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.release.ReleaseFunctionsApplication;
import dev.greenlight.release.ReleaseProperties;

/**
 * The Lambdas Terraform creates are the release functions the code defines, configured the way
 * {@link ReleaseProperties} binds: names from {@link ReleaseFunctionsApplication#FUNCTIONS}, properties by
 * reflection over the record, values as Spring Boot's own binder reads them.
 */
class ReleaseFunctionsTest {

    private final Scope release = Repo.rootScope().child("release");
    private final Block lambda = release.module().resource("aws_lambda_function", "step");

    @Test
    void oneLambdaAliasRoleAndLogGroup_perFunctionBean() {
        for (String[] resource : new String[][] {{"aws_lambda_function", "step"}, {"aws_lambda_alias", "live"},
                {"aws_iam_role", "function"}, {"aws_iam_role_policy", "function"}, {"aws_cloudwatch_log_group", "function"}}) {
            Block block = release.module().resource(resource[0], resource[1]);
            Object forEach = Evaluator.eval(block.body().attribute("for_each"), release);
            assertThat(((Map<?, ?>) forEach).keySet().stream().map(String::valueOf).toList()).as(block.where())
                    .containsExactlyInAnyOrderElementsOf(ReleaseFunctionsApplication.FUNCTIONS);
        }
    }

    @Test
    void eachLambda_runsTheShadedJarThroughFunctionInvoker_onJava21WithSnapStart_behindAnAlias() {
        Map<String, Hcl.Expr> attributes = lambda.body().attributes();
        assertThat(value("handler")).isEqualTo(FunctionInvoker.class.getName());
        assertThat(value("runtime")).isEqualTo("java21");
        assertThat(value("publish")).isEqualTo(true);
        assertThat(Evaluator.eval(lambda.body().block("snap_start").body().attribute("apply_on"), release))
                .isEqualTo("PublishedVersions");
        assertThat(attributes.get("s3_key").text()).isEqualTo("aws_s3_object.release_jar.key");

        Block alias = release.module().resource("aws_lambda_alias", "live");
        assertThat(alias.body().attribute("function_version").text()).isEqualTo("aws_lambda_function.step[each.key].version");

        String jar = (String) Evaluator.eval(release.module().resource("aws_s3_object", "release_jar").body().attribute("source"), release);
        assertThat(java.nio.file.Path.of(jar).normalize())
                .isEqualTo(Repo.path("release-lambdas/target/" + ShadedJar.fileName()));
    }

    @Test
    void eachLambda_namesItsBean_andTheApplicationClass() {
        for (String function : ReleaseFunctionsApplication.FUNCTIONS) {
            Map<String, Object> environment = environment(function);
            assertThat(environment).containsEntry("SPRING_CLOUD_FUNCTION_DEFINITION", function)
                    .containsEntry("MAIN_CLASS", ReleaseFunctionsApplication.class.getName());
        }
    }

    @Test
    void everyGreenlightVariable_bindsToAReleaseProperty_withTheValueTerraformGives() {
        Map<String, String> environment = strings(environment("prepare"));
        ReleaseProperties bound = bind(environment);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (!variable.getKey().startsWith("GREENLIGHT_")) {
                continue;
            }
            Object value = RelaxedBinding.valueAt(bound, ReleaseProperties.class, variable.getKey(), "greenlight")
                    .orElseThrow(() -> new AssertionError(variable.getKey() + " binds to no property of ReleaseProperties"));
            assertThat(RelaxedBinding.asVariable(value)).as(variable.getKey()).isEqualTo(variable.getValue());
        }
        assertThat(environment.keySet()).allMatch(name -> name.startsWith("GREENLIGHT_")
                || List.of("MAIN_CLASS", "SPRING_CLOUD_FUNCTION_DEFINITION", "SPRING_APPLICATION_JSON").contains(name));
    }

    @Test
    void everyRequiredProperty_isSet_andThePlanIsValid() {
        ReleaseProperties bound = bind(strings(environment("prepare")));
        assertThat(List.of(bound.cluster(), bound.listenerArn(), bound.testListenerArn(), bound.testListenerUrl(),
                bound.loadBalancer(), bound.repositoryName(), bound.repositoryUri(), bound.releasesTable()))
                .allSatisfy(value -> assertThat(value).isNotBlank());
        for (String slot : List.of("A", "B")) {
            assertThat(bound.slot(slot).targetGroupArn()).isNotBlank();
            assertThat(bound.slot(slot).serviceName()).isNotBlank();
        }
        ReleaseProperties.Task task = bound.task();
        assertThat(List.of(task.executionRoleArn(), task.taskRoleArn(), task.logGroup(), task.region()))
                .allSatisfy(value -> assertThat(value).isNotBlank());
        assertThat(task.subnets()).isNotEmpty();
        assertThat(task.securityGroups()).isNotEmpty();
        assertThat(bound.slot("A").serviceName()).isNotEqualTo(bound.slot("B").serviceName());
        assertThatCode(() -> bound.plan().validated()).doesNotThrowAnyException();
    }

    /** Each value comes from the resource it must come from, not merely from something. */
    @Test
    void theReleaseIsPointedAtTheResourcesTerraformCreates() {
        Map<String, Object> environment = environment("prepare");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("GREENLIGHT_CLUSTER", "aws_ecs_cluster.this.name");
        expected.put("GREENLIGHT_LISTENER_ARN", "aws_lb_listener.production.arn");
        expected.put("GREENLIGHT_TEST_LISTENER_ARN", "aws_lb_listener.test.arn");
        expected.put("GREENLIGHT_LOAD_BALANCER", "aws_lb.this.arn_suffix");
        expected.put("GREENLIGHT_SLOTS_A_TARGET_GROUP_ARN", "aws_lb_target_group.slot[\"A\"].arn");
        expected.put("GREENLIGHT_SLOTS_B_TARGET_GROUP_ARN", "aws_lb_target_group.slot[\"B\"].arn");
        expected.put("GREENLIGHT_REPOSITORY_NAME", "aws_ecr_repository.blog.name");
        expected.put("GREENLIGHT_REPOSITORY_URI", "aws_ecr_repository.blog.repository_url");
        expected.put("GREENLIGHT_RELEASES_TABLE", "aws_dynamodb_table.releases.name");
        expected.put("GREENLIGHT_TASK_EXECUTION_ROLE_ARN", "aws_iam_role.execution.arn");
        expected.put("GREENLIGHT_TASK_TASK_ROLE_ARN", "aws_iam_role.task.arn");
        expected.put("GREENLIGHT_TASK_LOG_GROUP", "aws_cloudwatch_log_group.blog.name");
        expected.put("GREENLIGHT_TASK_REGION", "data.aws_region.current.region");
        expected.forEach((variable, origin) -> assertThat(environment.get(variable)).as(variable).isEqualTo(new Unknown(origin)));

        assertThat(release.module().locals().get("environment")).isInstanceOf(Hcl.ObjectExpr.class);
        Hcl.Expr alarms = ((Hcl.ObjectExpr) release.module().locals().get("environment")).items().get("GREENLIGHT_PLAN_GATE_ALARM_NAMES");
        assertThat(alarms.text()).contains("aws_cloudwatch_metric_alarm.gate").contains("alarm_name");
    }

    @Test
    void theDeregistrationDelay_isTheTargetGroupsOwn() {
        Scope cluster = Repo.rootScope().child("cluster");
        Object delay = Evaluator.eval(cluster.module().resource("aws_lb_target_group", "slot").body()
                .attribute("deregistration_delay"), cluster);
        assertThat(environment("prepare").get("GREENLIGHT_DEREGISTRATION_DELAY_SECONDS")).isEqualTo(Evaluator.string(delay));
        assertThat(bind(strings(environment("prepare"))).deregistrationDelaySeconds()).isEqualTo(Integer.parseInt(Evaluator.string(delay)));
    }

    /** The blog's environment and secrets reach the task definition through SPRING_APPLICATION_JSON, keys intact. */
    @Test
    void theTaskEnvironmentAndSecrets_keepTheBlogsVariableNames() {
        ReleaseProperties bound = bind(strings(environment("prepare")));
        Map<?, ?> task = (Map<?, ?>) Evaluator.eval(Hcl.parseExpression("var.task", "test"), release);
        assertThat(bound.task().environment().keySet()).isEqualTo(new TreeSet<>(((Map<?, ?>) task.get("environment")).keySet()));
        assertThat(bound.task().secrets().keySet()).isEqualTo(new TreeSet<>(((Map<?, ?>) task.get("secrets")).keySet()));
        assertThat(bound.task().environment()).containsKeys("BLOG_DYNAMODB_POSTS_TABLE", "SERVER_PORT");
    }

    /**
     * Lambda refuses environments over 4 KB. Values known only after apply are counted at the length AWS
     * gives them, with room to spare: ARNs 120 characters, names 40, IDs 24.
     */
    @Test
    void theEnvironment_fitsLambdasFourKilobytes() {
        for (String function : ReleaseFunctionsApplication.FUNCTIONS) {
            int size = 0;
            for (Map.Entry<String, Object> variable : environment(function).entrySet()) {
                size += variable.getKey().length() + 1 + estimatedLength(variable.getValue());
            }
            assertThat(size).as("environment of %s, in bytes", function).isLessThan(4096);
        }
    }

    private static int estimatedLength(Object value) {
        if (value instanceof Unknown u) {
            return estimatedLength(u.expression().contains("${") ? u.expression() : "${" + u.expression() + "}");
        }
        String text = Evaluator.string(value);
        Matcher unknown = Pattern.compile("\\(known after apply: ([^)]*)\\)|\\$\\{([^}]*)}").matcher(text);
        int length = text.length();
        while (unknown.find()) {
            String origin = unknown.group(1) != null ? unknown.group(1) : unknown.group(2);
            length += (origin.endsWith(".arn") || origin.contains("join(") ? 120
                    : origin.endsWith(".id") || origin.endsWith(".region") || origin.endsWith("account_id") ? 24 : 40)
                    - unknown.group().length();
        }
        return length;
    }

    private Object value(String attribute) {
        return Evaluator.eval(lambda.body().attribute(attribute), release);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> environment(String function) {
        Hcl.Expr variables = lambda.body().block("environment").body().attribute("variables");
        return (Map<String, Object>) Evaluator.eval(variables, release.each(function, null));
    }

    static Map<String, String> strings(Map<String, Object> environment) {
        Map<String, String> strings = new LinkedHashMap<>();
        // an unknown stands for one value: no comma, which Spring would split into list elements
        environment.forEach((k, v) -> strings.put(k, v instanceof Unknown u ? "unknown:" + u.expression().replace(",", ";")
                : Evaluator.string(v)));
        return strings;
    }

    static ReleaseProperties bind(Map<String, String> environment) {
        return RelaxedBinding.bind(environment, "greenlight", ReleaseProperties.class, "application.properties");
    }
}
