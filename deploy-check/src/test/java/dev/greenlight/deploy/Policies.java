package dev.greenlight.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Body;

/** The statements of an aws_iam_policy_document, evaluated, with dynamic statements expanded. */
final class Policies {

    record Statement(List<Object> actions, List<Object> resources, Body body) {
    }

    private Policies() {
    }

    static List<Statement> statements(Scope scope, String document) {
        Block block = scope.module().data().get("aws_iam_policy_document." + document);
        if (block == null) {
            throw new AssertionError("no policy document " + document + " in " + scope.module().dir());
        }
        List<Statement> statements = new ArrayList<>();
        for (Block statement : block.body().blocks()) {
            if (statement.type().equals("statement")) {
                statements.add(statement(statement.body(), scope));
            } else if (statement.type().equals("dynamic")) {
                Object forEach = Evaluator.eval(statement.body().attribute("for_each"), scope);
                String iterator = statement.labels().get(0);
                Body content = statement.body().block("content").body();
                if (forEach instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> statements.add(statement(content, scope.bind(iterator, Map.of("key", k, "value", v)))));
                } else {
                    for (Object item : (List<?>) forEach) {
                        statements.add(statement(content, scope.bind(iterator, Map.of("key", item, "value", item))));
                    }
                }
            }
        }
        return statements;
    }

    private static Statement statement(Body body, Scope scope) {
        return new Statement(list(Evaluator.eval(body.attribute("actions"), scope)),
                body.attributes().containsKey("resources") ? list(Evaluator.eval(body.attribute("resources"), scope)) : List.of(),
                body);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list, found " + value);
        }
        return (List<Object>) value;
    }
}
