package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Hcl;

/**
 * The blog's container gets the environment its configuration binds (BlogProperties, and SERVER_PORT),
 * with the secrets from SSM, never as values.
 */
class BlogEnvironmentTest {

    private final Scope release = Repo.rootScope().child("release");
    private final Map<?, ?> task = (Map<?, ?>) Evaluator.eval(Hcl.parseExpression("var.task", "test"), release);
    private final Class<?> blogProperties = BlogSources.load("dev.greenlight.blog.BlogProperties");

    @Test
    void everyVariable_bindsToABlogProperty() {
        Map<String, String> environment = containerEnvironment();
        Object bound = RelaxedBinding.bind(environment, "blog", blogProperties, null);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (variable.getKey().equals("SERVER_PORT")) {
                continue;
            }
            Object value = RelaxedBinding.valueAt(bound, blogProperties, variable.getKey(), "blog")
                    .orElseThrow(() -> new AssertionError(variable.getKey() + " binds to no property of BlogProperties"));
            assertThat(RelaxedBinding.asVariable(value)).as(variable.getKey()).isEqualTo(variable.getValue());
        }
    }

    @Test
    void theBlogGetsItsTableRegionAuthorAndSecrets() throws Exception {
        Object bound = RelaxedBinding.bind(containerEnvironment(), "blog", blogProperties, null);
        Object dynamodb = call(bound, "dynamodb");
        assertThat(call(dynamodb, "postsTable")).isEqualTo(containerEnvironment().get("BLOG_DYNAMODB_POSTS_TABLE"));
        assertThat(environment().get("BLOG_DYNAMODB_POSTS_TABLE")).isEqualTo(new Evaluator.Unknown("aws_dynamodb_table.posts.name"));
        assertThat(call(dynamodb, "signInsTable")).isEqualTo(containerEnvironment().get("BLOG_DYNAMODB_SIGN_INS_TABLE"));
        assertThat(environment().get("BLOG_DYNAMODB_SIGN_INS_TABLE"))
                .isEqualTo(new Evaluator.Unknown("aws_dynamodb_table.sign_ins.name"));
        assertThat(environment().get("BLOG_DYNAMODB_REGION")).isEqualTo(new Evaluator.Unknown("data.aws_region.current.region"));
        assertThat(environment().get("BLOG_BASE_URL"))
                .isEqualTo(new Evaluator.Unknown("coalesce(var.blog_base_url, module.cluster.blog_url)"));
        assertThat(call(bound, "baseUrl")).hasToString("http://greenlight-alb.example");
        assertThat(call(bound, "sessionSecret")).isNotNull();
        List<?> accounts = (List<?>) call(bound, "accounts");
        assertThat(accounts).hasSize(1);
        assertThat(call(accounts.get(0), "username")).isEqualTo("ada");
        assertThat(call(accounts.get(0), "passwordHash")).isNotNull();
        assertThat(call(accounts.get(0), "admin")).isEqualTo(true);
    }

    @Test
    void secrets_comeFromSsmParameters_andAreNotPlainEnvironment() {
        Map<?, ?> secrets = (Map<?, ?>) task.get("secrets");
        assertThat(secrets.keySet().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("BLOG_SESSION_SECRET", "BLOG_ACCOUNTS_0_PASSWORD_HASH");
        assertThat(secrets.get("BLOG_SESSION_SECRET")).isEqualTo(new Evaluator.Unknown("arn:${data.aws_partition.current.partition}"
                + ":ssm:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:parameter/greenlight/session-secret"));
        assertThat(secrets.get("BLOG_ACCOUNTS_0_PASSWORD_HASH")).asString().endsWith(":parameter/greenlight/author-password-hash)");
        assertThat(environment().keySet()).doesNotContainAnyElementsOf(List.of("BLOG_SESSION_SECRET", "BLOG_ACCOUNTS_0_PASSWORD_HASH"));
    }

    /** The release sets BLOG_VERSION per release; Terraform must not pin it. */
    @Test
    void blogVersion_isLeftToTheRelease() {
        assertThat(environment()).doesNotContainKey("BLOG_VERSION");
    }

    @Test
    void thePort_isTheContainerPort_theTargetGroupsPort_andTheTasksPort() {
        Scope cluster = Repo.rootScope().child("cluster");
        Object targetPort = Evaluator.eval(cluster.module().resource("aws_lb_target_group", "slot").body().attribute("port"), cluster);
        assertThat(environment().get("SERVER_PORT")).isEqualTo(Evaluator.string(targetPort));
        assertThat(Evaluator.string(task.get("container_port"))).isEqualTo(Evaluator.string(targetPort));
    }

    @Test
    void targetGroups_healthCheckReadiness() {
        Scope cluster = Repo.rootScope().child("cluster");
        Hcl.Body health = cluster.module().resource("aws_lb_target_group", "slot").body().block("health_check").body();
        assertThat(Evaluator.eval(health.attribute("path"), cluster)).isEqualTo("/actuator/health/readiness");
        assertThat(Repo.read("blog-web/src/main/resources/application.properties"))
                .contains("management.endpoint.health.probes.enabled=true");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> environment() {
        return (Map<String, Object>) task.get("environment");
    }

    /** What ECS puts in the container: the environment, the secrets' values, and BLOG_VERSION from the release. */
    private Map<String, String> containerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment().forEach((k, v) -> environment.put(k, Evaluator.string(v)));
        // the load balancer's URL is known only once it exists; any http address stands for it here
        environment.put("BLOG_BASE_URL", "http://greenlight-alb.example");
        ((Map<?, ?>) task.get("secrets")).keySet().forEach(k -> environment.put((String) k, "secret-value-of-" + k));
        environment.put("BLOG_VERSION", "0123456789ab");
        return environment;
    }

    private static Object call(Object target, String accessor) throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(accessor);
        return method.invoke(target);
    }
}
