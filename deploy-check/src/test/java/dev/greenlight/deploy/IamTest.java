package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.greenlight.deploy.Policies.Statement;
import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Evaluator.Unknown;
import dev.greenlight.deploy.hcl.Hcl;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Module;
import dev.greenlight.operator.GreenlightCli;
import dev.greenlight.release.ReleaseFunctionsApplication;

/** One role per principal, each allowed only what it calls, on what it calls it. */
class IamTest {

    /** Actions IAM cannot scope to a resource, so their statements name "*" (AWS service authorization reference). */
    private static final Set<String> WITHOUT_RESOURCE_LEVEL = Set.of("cloudwatch:GetMetricData", "ecr:GetAuthorizationToken",
            "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition", "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeTargetHealth", "logs:CreateLogDelivery", "logs:DeleteLogDelivery",
            "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:UpdateLogDelivery", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "xray:PutTelemetryRecords", "xray:PutTraceSegments");

    private static final Pattern IAM_ACTION = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z0-9*]+");

    private final Scope root = Repo.rootScope();

    @Test
    void noWildcardAction_andNoManagedFullAccessPolicy_anywhere() throws IOException {
        for (Module module : TerraformStructureTest.modules()) {
            for (Path file : Module.tfFiles(module.dir())) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain("FullAccess").doesNotContain("not_actions")
                        .doesNotContain("aws_iam_role_policy_attachment").doesNotContain("managed_policy_arns");
            }
            for (Block block : module.blocks()) {
                literals(block.body(), false).forEach((literal) -> {
                    if (IAM_ACTION.matcher(literal).matches()) {
                        assertThat(literal).as("IAM action in %s", block.where()).doesNotContain("*");
                    }
                });
                assertThat(literals(block.body(), true)).as("actions in %s", block.where()).doesNotContain("*");
            }
        }
    }

    @Test
    void everyStatementNamingAllResources_isForActionsThatCannotBeScoped() {
        for (Scope scope : scopes()) {
            for (Block document : scope.module().data("aws_iam_policy_document")) {
                for (Statement statement : statementsOf(scope, document)) {
                    if (statement.resources().contains("*")) {
                        assertThat(statement.actions()).as(document.where()).allMatch(WITHOUT_RESOURCE_LEVEL::contains);
                    }
                }
            }
        }
    }

    /** The actions in Terraform are exactly those each function's code calls (read from its bytecode). */
    @Test
    void eachReleaseFunction_isAllowedExactlyTheAwsActionsItsCodeCalls() {
        Scope release = root.child("release");
        Map<?, ?> granted = (Map<?, ?>) Evaluator.eval(release.module().locals().get("function_actions"), release);
        Map<String, Set<String>> expected = new java.util.TreeMap<>();
        Map<String, Set<String>> actual = new java.util.TreeMap<>();
        for (String function : ReleaseFunctionsApplication.FUNCTIONS) {
            Set<String> called = new TreeSet<>(CalledAwsActions.of(ReleaseFunctionsApplication.class, function));
            if (called.contains("ecs:RegisterTaskDefinition")) {
                called.add("iam:PassRole");
            }
            expected.put(function, called);
            Object actions = granted.get(function);
            actual.put(function, actions == null ? null : new TreeSet<>(((List<?>) actions).stream().map(String::valueOf).toList()));
        }
        assertThat(actual).as("local.function_actions in modules/release").isEqualTo(expected);
        assertThat(CalledAwsActions.of(ReleaseFunctionsApplication.class, "prepare"))
                .as("the bytecode analysis finds calls at all").contains("dynamodb:PutItem", "ecs:RegisterTaskDefinition");
    }

    @Test
    void releaseFunctionRoles_areScopedToTheClusterServicesListenersTableAndTaskRoles() {
        Scope release = root.child("release");
        Map<?, ?> resources = (Map<?, ?>) Evaluator.eval(release.module().locals().get("action_resources"), release);
        Map<?, ?> granted = (Map<?, ?>) Evaluator.eval(release.module().locals().get("function_actions"), release);
        for (String function : ReleaseFunctionsApplication.FUNCTIONS) {
            List<Statement> statements = Policies.statements(release.each(function, granted.get(function)), "function");
            Set<Object> actions = new HashSet<>();
            statements.forEach(s -> actions.addAll(s.actions()));
            assertThat(actions).as(function).contains("logs:PutLogEvents");
            for (Statement statement : statements) {
                for (Object action : statement.actions()) {
                    String a = (String) action;
                    if (a.startsWith("dynamodb:")) {
                        assertThat(statement.resources()).containsExactly(new Unknown("aws_dynamodb_table.releases.arn"));
                    } else if (a.equals("elasticloadbalancing:ModifyListener")) {
                        assertThat(statement.resources()).containsExactlyInAnyOrder(
                                new Unknown("aws_lb_listener.production.arn"), new Unknown("aws_lb_listener.test.arn"));
                    } else if (a.startsWith("ecs:") && !WITHOUT_RESOURCE_LEVEL.contains(a)) {
                        assertThat(statement.resources()).hasSize(2).allSatisfy(arn -> assertThat(arn.toString())
                                .contains(":service/${aws_ecs_cluster.this.name}/blog-"));
                    } else if (a.equals("iam:PassRole")) {
                        assertThat(statement.resources()).containsExactlyInAnyOrder(
                                new Unknown("aws_iam_role.execution.arn"), new Unknown("aws_iam_role.task.arn"));
                        assertThat(statement.body().blocks("condition")).hasSize(1);
                    }
                }
            }
        }
        assertThat(resources).isNotEmpty();
    }

    @Test
    void oneRolePerPrincipal_eachWithItsOwnPolicy() {
        List<String> principals = new ArrayList<>();
        Set<String> rolesWithPolicies = new HashSet<>();
        for (Scope scope : scopes()) {
            for (Block role : scope.module().resources("aws_iam_role")) {
                String assume = role.body().attribute("assume_role_policy").text();
                String document = assume.replace("data.aws_iam_policy_document.", "").replace(".json", "");
                List<Statement> statements = Policies.statements(scope, document);
                assertThat(statements).as(role.where()).hasSize(1);
                Block principal = statements.get(0).body().block("principals");
                List<?> identifiers = (List<?>) Evaluator.eval(principal.body().attribute("identifiers"), scope);
                assertThat(identifiers).as(role.where()).hasSize(1);
                principals.add(role.labels().get(1) + " -> " + identifiers.get(0));
            }
            for (Block policy : scope.module().resources("aws_iam_role_policy")) {
                String role = policy.body().attribute("role").text();
                assertThat(rolesWithPolicies.add(scope.module().dir().getFileName() + ":" + role))
                        .as("one inline policy per role: %s", role).isTrue();
            }
        }
        assertThat(principals).containsExactlyInAnyOrder("build -> codebuild.amazonaws.com",
                "execution -> ecs-tasks.amazonaws.com", "task -> ecs-tasks.amazonaws.com",
                "function -> lambda.amazonaws.com", "state_machine -> states.amazonaws.com",
                "events -> events.amazonaws.com");
        assertThat(rolesWithPolicies).hasSize(principals.size());
    }

    @Test
    void theOtherPrincipals_reachOnlyTheirOwnResources() {
        Scope release = root.child("release");
        assertThat(only(release, "state_machine", "lambda:InvokeFunction"))
                .as("the workflow's steps, not the functions operators invoke")
                .hasSize(ReleaseFunctionsApplication.STEPS.size())
                .allSatisfy(arn -> assertThat(arn.toString()).matches(".*aws_lambda_alias\\.live\\[\"\\w+\"]\\.arn\\)"));
        assertThat(only(release, "events", "states:StartExecution")).containsExactly(new Unknown("aws_sfn_state_machine.release.arn"));

        Scope registry = root.child("registry");
        assertThat(only(registry, "build", "ecr:PutImage")).containsExactly(new Unknown("aws_ecr_repository.blog.arn"));

        Scope cluster = root.child("cluster");
        Set<Object> blogResources = new HashSet<>();
        Policies.statements(cluster, "task").forEach(s -> {
            assertThat(s.actions()).allMatch(a -> a.toString().startsWith("dynamodb:"));
            blogResources.addAll(s.resources());
        });
        assertThat(blogResources).containsExactlyInAnyOrder(new Unknown("aws_dynamodb_table.posts.arn"),
                new Unknown("${aws_dynamodb_table.posts.arn}/index/feed"), new Unknown("aws_dynamodb_table.sign_ins.arn"));
        assertThat(only(cluster, "execution", "ecr:BatchGetImage")).containsExactly(new Unknown("aws_ecr_repository.blog.arn"));
    }

    /** Operators running the CLI with --aws may do exactly what its code calls, on the release's own resources. */
    @Test
    void theOperatorPolicy_allowsExactlyTheAwsActionsTheCliCalls_onTheReleaseResources() {
        Scope release = root.child("release");
        Set<String> called = CalledAwsActions.of(GreenlightCli.class, "run");
        Set<String> granted = new TreeSet<>();
        Policies.statements(release, "operator").forEach(s -> s.actions().forEach(a -> granted.add(a.toString())));

        assertThat(granted).isEqualTo(called);
        assertThat(called).as("the bytecode analysis finds the CLI's calls")
                .contains("dynamodb:UpdateItem", "states:DescribeExecution", "states:GetExecutionHistory",
                        "states:DescribeStateMachine", "cloudwatch:GetMetricData");
        assertThat(only(release, "operator", "dynamodb:UpdateItem")).containsExactly(new Unknown("aws_dynamodb_table.releases.arn"));
        for (String machine : List.of("states:ListExecutions", "states:DescribeStateMachine")) {
            assertThat(only(release, "operator", machine)).as(machine)
                    .containsExactly(new Unknown("aws_sfn_state_machine.release.arn"));
        }
        for (String execution : List.of("states:DescribeExecution", "states:GetExecutionHistory")) {
            assertThat(only(release, "operator", execution)).as(execution).singleElement().asString()
                    .contains(":execution:").contains("aws_sfn_state_machine.release.name").endsWith(":*)");
        }
        assertThat(only(release, "operator", "cloudwatch:GetMetricData")).containsExactly("*");
        assertThat(only(release, "operator", "lambda:InvokeFunction"))
                .containsExactly(new Unknown("aws_lambda_alias.live[\"planInputs\"].arn"));
    }

    /** The resources of the one statement of a document that grants the action. */
    private static List<Object> only(Scope scope, String document, String action) {
        List<Statement> granting = Policies.statements(scope, document).stream().filter(s -> s.actions().contains(action)).toList();
        assertThat(granting).as("%s granting %s", document, action).hasSize(1);
        return granting.get(0).resources();
    }

    private List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>(List.of(root));
        root.module().moduleCalls().keySet().forEach(name -> scopes.add(root.child(name)));
        return scopes;
    }

    private static List<Statement> statementsOf(Scope scope, Block document) {
        if (document.body().attributes().containsKey("for_each")) {
            Map<?, ?> keys = (Map<?, ?>) Evaluator.eval(document.body().attribute("for_each"), scope);
            List<Statement> all = new ArrayList<>();
            keys.forEach((k, v) -> all.addAll(Policies.statements(scope.each((String) k, v), document.labels().get(1))));
            return all;
        }
        return Policies.statements(scope, document.labels().get(1));
    }

    /** Every plain string in a body, or, with {@code actionsOnly}, only those inside an {@code actions} attribute. */
    private static List<String> literals(Hcl.Body body, boolean actionsOnly) {
        List<String> found = new ArrayList<>();
        body.attributes().forEach((name, expr) -> {
            if (!actionsOnly || name.equals("actions")) {
                collect(expr, found);
            }
        });
        body.blocks().forEach(b -> found.addAll(literals(b.body(), actionsOnly)));
        return found;
    }

    private static void collect(Hcl.Expr expr, List<String> found) {
        if (expr instanceof Hcl.Template t && t.literal() != null) {
            found.add(t.literal());
        } else if (expr instanceof Hcl.TupleExpr t) {
            t.items().forEach(e -> collect(e, found));
        } else if (expr instanceof Hcl.ObjectExpr o) {
            o.items().forEach((k, v) -> {
                found.add(k);
                collect(v, found);
            });
        } else if (expr instanceof Hcl.Call c) {
            c.args().forEach(e -> collect(e, found));
        } else if (expr instanceof Hcl.Operation o) {
            o.operands().forEach(e -> collect(e, found));
        } else if (expr instanceof Hcl.For f) {
            collect(f.value(), found);
        }
    }
}
