package dev.greenlight.deploy.hcl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.greenlight.deploy.hcl.Hcl.Attr;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Body;
import dev.greenlight.deploy.hcl.Hcl.Call;
import dev.greenlight.deploy.hcl.Hcl.Expr;
import dev.greenlight.deploy.hcl.Hcl.For;
import dev.greenlight.deploy.hcl.Hcl.Index;
import dev.greenlight.deploy.hcl.Hcl.ObjectExpr;
import dev.greenlight.deploy.hcl.Hcl.Operation;
import dev.greenlight.deploy.hcl.Hcl.Template;
import dev.greenlight.deploy.hcl.Hcl.TemplateFor;
import dev.greenlight.deploy.hcl.Hcl.TemplateIf;
import dev.greenlight.deploy.hcl.Hcl.Traversal;
import dev.greenlight.deploy.hcl.Hcl.TupleExpr;

/**
 * Finds every reference in a module that names nothing: a variable, local, module output, resource or data
 * source that is not declared. Terraform would refuse such a configuration at plan time; here it is found
 * without providers.
 */
public final class References {

    private static final Set<String> BUILT_INS = Set.of("each", "count", "path", "self", "terraform");

    private final Module module;
    private final List<String> problems = new ArrayList<>();

    private References(Module module) {
        this.module = module;
    }

    /** Every unresolved reference of the module, as "file:line block: reference (why)". */
    public static List<String> unresolved(Module module) {
        References references = new References(module);
        for (Block block : module.blocks()) {
            references.body(block, block.body(), Set.of());
        }
        return references.problems;
    }

    private void body(Block top, Body body, Set<String> bound) {
        body.attributes().forEach((name, value) -> {
            boolean typeExpression = top.type().equals("variable") && name.equals("type");
            boolean attributeNames = name.equals("ignore_changes");
            if (!typeExpression && !attributeNames) {
                expr(top, value, bound);
            }
        });
        for (Block inner : body.blocks()) {
            Set<String> innerBound = bound;
            if (inner.type().equals("dynamic")) {
                innerBound = new HashSet<>(bound);
                Expr iterator = inner.body().attributes().get("iterator");
                innerBound.add(iterator instanceof Traversal t ? t.root() : inner.labels().get(0));
            }
            body(top, inner.body(), innerBound);
        }
    }

    private void expr(Block top, Expr expr, Set<String> bound) {
        if (expr instanceof Traversal t) {
            if (t.base() != null) {
                expr(top, t.base(), bound);
            } else {
                check(top, t, bound);
            }
            t.steps().forEach(step -> {
                if (step instanceof Index index) {
                    expr(top, index.key(), bound);
                }
            });
        } else if (expr instanceof Template t) {
            parts(top, t.parts(), bound);
        } else if (expr instanceof TupleExpr t) {
            t.items().forEach(e -> expr(top, e, bound));
        } else if (expr instanceof ObjectExpr o) {
            o.items().values().forEach(e -> expr(top, e, bound));
        } else if (expr instanceof Call c) {
            c.args().forEach(e -> expr(top, e, bound));
        } else if (expr instanceof Operation o) {
            o.operands().forEach(e -> expr(top, e, bound));
        } else if (expr instanceof For f) {
            expr(top, f.collection(), bound);
            Set<String> inner = withNames(bound, f.keyVar(), f.valueVar());
            for (Expr e : new Expr[] {f.key(), f.value(), f.condition()}) {
                if (e != null) {
                    expr(top, e, inner);
                }
            }
        }
    }

    private void parts(Block top, List<Object> parts, Set<String> bound) {
        for (Object part : parts) {
            if (part instanceof Expr e) {
                expr(top, e, bound);
            } else if (part instanceof TemplateIf directive) {
                expr(top, directive.condition(), bound);
                parts(top, directive.then(), bound);
                parts(top, directive.otherwise(), bound);
            } else if (part instanceof TemplateFor directive) {
                expr(top, directive.collection(), bound);
                parts(top, directive.body(), withNames(bound, directive.keyVar(), directive.valueVar()));
            }
        }
    }

    /** The names bound here, and those a for expression or directive adds ({@code keyVar} may be null). */
    private static Set<String> withNames(Set<String> bound, String keyVar, String valueVar) {
        Set<String> inner = new HashSet<>(bound);
        if (keyVar != null) {
            inner.add(keyVar);
        }
        inner.add(valueVar);
        return inner;
    }

    private void check(Block top, Traversal t, Set<String> bound) {
        String root = t.root();
        if (bound.contains(root) || BUILT_INS.contains(root)) {
            return;
        }
        String problem = switch (root) {
            case "var" -> module.variables().containsKey(attr(t, 0)) ? null : "no variable " + attr(t, 0);
            case "local" -> module.locals().containsKey(attr(t, 0)) ? null : "no local " + attr(t, 0);
            case "data" -> module.data().containsKey(attr(t, 0) + "." + attr(t, 1)) ? null
                    : "no data source " + attr(t, 0) + "." + attr(t, 1);
            case "module" -> moduleOutput(attr(t, 0), attr(t, 1));
            default -> {
                if (!root.contains("_")) {
                    yield "not a variable, local, module, resource or data source";
                }
                yield module.resources().containsKey(root + "." + attr(t, 0)) ? null
                        : "no resource " + root + "." + attr(t, 0);
            }
        };
        if (problem != null) {
            problems.add(top.where() + ": " + t.text() + " (" + problem + ")");
        }
    }

    private String moduleOutput(String name, String output) {
        if (!module.moduleCalls().containsKey(name)) {
            return "no module " + name;
        }
        return module.child(name).outputs().containsKey(output) ? null : "module " + name + " has no output " + output;
    }

    private static String attr(Traversal t, int i) {
        if (t.steps().size() <= i || !(t.steps().get(i) instanceof Attr attr)) {
            return "?";
        }
        return attr.name();
    }
}
