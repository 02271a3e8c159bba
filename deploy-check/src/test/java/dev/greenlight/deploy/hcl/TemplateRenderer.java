package dev.greenlight.deploy.hcl;

import java.util.List;
import java.util.Map;

import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Evaluator.Unknown;
import dev.greenlight.deploy.hcl.Hcl.Expr;
import dev.greenlight.deploy.hcl.Hcl.Template;
import dev.greenlight.deploy.hcl.Hcl.TemplateFor;
import dev.greenlight.deploy.hcl.Hcl.TemplateIf;

/**
 * Renders a template as a plan would. Directives over known values are followed. An unknown interpolation leaves
 * a partly known string, {@code arn:${data.aws_partition.current.partition}:ssm:...}, whose known parts stay
 * readable; an unknown directive condition or collection, or a collection interpolated as a string, makes the
 * whole template unknown.
 */
final class TemplateRenderer {

    private final StringBuilder out = new StringBuilder();
    private boolean known = true;

    private TemplateRenderer() {
    }

    static Object render(Template template, Scope scope) {
        TemplateRenderer renderer = new TemplateRenderer();
        if (!renderer.parts(template.parts(), scope)) {
            return new Unknown(template.text());
        }
        return renderer.known ? renderer.out.toString() : new Unknown(renderer.out.toString());
    }

    /** Appends the parts; false when they have no string value before apply. */
    private boolean parts(List<Object> parts, Scope scope) {
        for (Object part : parts) {
            boolean rendered;
            if (part instanceof TemplateIf directive) {
                rendered = ifDirective(directive, scope);
            } else if (part instanceof TemplateFor directive) {
                rendered = forDirective(directive, scope);
            } else {
                rendered = value(part instanceof Expr e ? Evaluator.eval(e, scope) : part);
            }
            if (!rendered) {
                return false;
            }
        }
        return true;
    }

    private boolean ifDirective(TemplateIf directive, Scope scope) {
        return Evaluator.eval(directive.condition(), scope) instanceof Boolean condition
                && parts(condition ? directive.then() : directive.otherwise(), scope);
    }

    private boolean forDirective(TemplateFor directive, Scope scope) {
        Map<Object, Object> entries = Evaluator.entries(Evaluator.eval(directive.collection(), scope));
        if (entries == null) {
            return false;
        }
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            Scope inner = scope.bind(directive.valueVar(), entry.getValue());
            if (directive.keyVar() != null) {
                inner = inner.bind(directive.keyVar(), entry.getKey());
            }
            if (!parts(directive.body(), inner)) {
                return false;
            }
        }
        return true;
    }

    private boolean value(Object value) {
        if (value instanceof Map || value instanceof List) {
            return false;
        }
        if (value instanceof Unknown u) {
            known = false;
            out.append(u.expression().contains("${") ? u.expression() : "${" + u.expression() + "}");
        } else {
            out.append(Evaluator.string(value));
        }
        return true;
    }
}
