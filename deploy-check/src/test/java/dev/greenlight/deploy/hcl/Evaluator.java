package dev.greenlight.deploy.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.greenlight.deploy.hcl.Hcl.Attr;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Call;
import dev.greenlight.deploy.hcl.Hcl.Expr;
import dev.greenlight.deploy.hcl.Hcl.For;
import dev.greenlight.deploy.hcl.Hcl.Index;
import dev.greenlight.deploy.hcl.Hcl.Literal;
import dev.greenlight.deploy.hcl.Hcl.ObjectExpr;
import dev.greenlight.deploy.hcl.Hcl.Operation;
import dev.greenlight.deploy.hcl.Hcl.Step;
import dev.greenlight.deploy.hcl.Hcl.Template;
import dev.greenlight.deploy.hcl.Hcl.Traversal;
import dev.greenlight.deploy.hcl.Hcl.TupleExpr;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates expressions the way {@code terraform plan} would before anything exists: variables from their
 * module call, the tfvars or their default; locals; module outputs; a few pure functions. What only AWS knows
 * (resource and data source attributes) is an {@link Unknown}, as in a plan's "(known after apply)".
 * Values are {@link String}, {@link BigDecimal}, {@link Boolean}, {@code null}, {@link List}, {@link Map} or
 * {@link Unknown}.
 */
public final class Evaluator {

    /** A value known only after apply, with the expression it comes from. */
    public record Unknown(String expression) {
        @Override
        public String toString() {
            return "(known after apply: " + expression + ")";
        }
    }

    /**
     * Where an expression is evaluated: a module instance, the arguments its caller gave it (or the tfvars
     * for the root), and the names bound by {@code each} or a for expression.
     */
    public record Scope(Module module, Map<String, Expr> arguments, Scope caller, Map<String, Object> inputs,
            Map<String, Object> bindings) {

        public static Scope root(Module module, Map<String, Object> tfvars) {
            return new Scope(module, Map.of(), null, tfvars, Map.of());
        }

        /** The scope of a module called from this one. */
        public Scope child(String name) {
            Block call = module.moduleCalls().get(name);
            return new Scope(module.child(name), call.body().attributes(), this, Map.of(), Map.of());
        }

        /** This scope with {@code each.key} and {@code each.value} bound. */
        public Scope each(String key, Object value) {
            return bind("each", Map.of("key", key, "value", value == null ? key : value));
        }

        public Scope bind(String name, Object value) {
            Map<String, Object> bindings = new LinkedHashMap<>(this.bindings);
            bindings.put(name, value);
            return new Scope(module, arguments, caller, inputs, bindings);
        }

        Scope unbound() {
            return new Scope(module, arguments, caller, inputs, Map.of());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Evaluator() {
    }

    /** Evaluates the attributes of a root module's tfvars file. */
    public static Map<String, Object> tfvars(java.nio.file.Path file, Module root) {
        Map<String, Object> values = new LinkedHashMap<>();
        Scope empty = Scope.root(root, Map.of());
        Hcl.parseFile(file).attributes().forEach((name, expr) -> values.put(name, eval(expr, empty)));
        return values;
    }

    public static Object eval(Expr expr, Scope scope) {
        if (expr instanceof Literal l) {
            return l.value();
        }
        if (expr instanceof Template t) {
            return TemplateRenderer.render(t, scope);
        }
        if (expr instanceof TupleExpr t) {
            return t.items().stream().map(e -> eval(e, scope)).toList();
        }
        if (expr instanceof ObjectExpr o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.items().forEach((k, v) -> map.put(k, eval(v, scope)));
            return map;
        }
        if (expr instanceof Traversal t) {
            return traversal(t, scope);
        }
        if (expr instanceof Call c) {
            return call(c, scope);
        }
        if (expr instanceof For f) {
            return forExpression(f, scope);
        }
        if (expr instanceof Operation o) {
            return operation(o, scope);
        }
        throw new IllegalStateException("cannot evaluate " + expr);
    }

    private static Object traversal(Traversal t, Scope scope) {
        Object value;
        List<Step> steps = t.steps();
        int used;
        if (t.base() != null) {
            value = eval(t.base(), scope);
            used = 0;
        } else if (scope.bindings().containsKey(t.root())) {
            value = scope.bindings().get(t.root());
            used = 0;
        } else {
            switch (t.root()) {
                case "var" -> value = variable(attr(steps, 0), scope);
                case "local" -> {
                    Expr local = scope.module().locals().get(attr(steps, 0));
                    value = local == null ? new Unknown(t.text()) : eval(local, scope.unbound());
                }
                case "module" -> {
                    Scope child = scope.child(attr(steps, 0));
                    Block output = child.module().outputs().get(attr(steps, 1));
                    value = eval(output.body().attribute("value"), child);
                }
                case "path" -> value = attr(steps, 0).equals("root") ? root(scope).module().dir().toString()
                        : scope.module().dir().toString();
                case "data" -> value = instances("data." + attr(steps, 0) + "." + attr(steps, 1),
                        scope.module().data().get(attr(steps, 0) + "." + attr(steps, 1)), scope);
                case "each", "count", "self", "terraform" -> value = new Unknown(t.text());
                default -> value = instances(t.root() + "." + attr(steps, 0),
                        scope.module().resources().get(t.root() + "." + attr(steps, 0)), scope);
            }
            used = switch (t.root()) {
                case "var", "local", "path" -> 1;
                case "module", "data" -> 2;
                case "each", "count", "self", "terraform" -> steps.size();
                default -> 1;
            };
        }
        return steps(value, steps.subList(used, steps.size()), scope, t);
    }

    /**
     * A resource or data source as a reference sees it: one unknown object, or, with for_each or count, a map
     * or list of them, so that {@code aws_lb_target_group.slot["A"].arn} stays traceable to its origin.
     */
    private static Object instances(String address, Block block, Scope scope) {
        if (block == null) {
            return new Unknown(address);
        }
        Expr forEach = block.body().attributes().get("for_each");
        Expr count = block.body().attributes().get("count");
        if (forEach != null && eval(forEach, scope.unbound()) instanceof Map<?, ?> map) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            map.keySet().forEach(k -> byKey.put((String) k, new Unknown(address + "[\"" + k + "\"]")));
            return byKey;
        }
        if (forEach != null && eval(forEach, scope.unbound()) instanceof List<?> set) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            set.forEach(k -> byKey.put(string(k), new Unknown(address + "[\"" + string(k) + "\"]")));
            return byKey;
        }
        if (count != null && eval(count, scope.unbound()) instanceof BigDecimal n) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n.intValueExact(); i++) {
                list.add(new Unknown(address + "[" + i + "]"));
            }
            return list;
        }
        return new Unknown(address);
    }

    private static Object steps(Object value, List<Step> steps, Scope scope, Traversal t) {
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            if (step instanceof Hcl.Splat) {
                if (!(value instanceof List<?> list)) {
                    return new Unknown(t.text());
                }
                List<Step> rest = steps.subList(s + 1, steps.size());
                return list.stream().map(item -> steps(item, rest, scope, t)).toList();
            }
            value = step(value, step, scope, t);
        }
        return value;
    }

    private static Object step(Object value, Step step, Scope scope, Traversal t) {
        if (value instanceof Unknown u) {
            // an attribute of something unknown: unknown too, but still saying where it comes from
            return step instanceof Attr a ? new Unknown(u.expression() + "." + a.name()) : new Unknown(t.text());
        }
        if (step instanceof Attr a && value instanceof Map<?, ?> map) {
            return map.containsKey(a.name()) ? map.get(a.name()) : new Unknown(t.text());
        }
        if (step instanceof Index i) {
            Object key = eval(i.key(), scope);
            if (value instanceof Map<?, ?> map && key instanceof String k) {
                return map.containsKey(k) ? map.get(k) : new Unknown(t.text());
            }
            if (value instanceof List<?> list && key instanceof BigDecimal n) {
                return list.get(n.intValueExact());
            }
        }
        return new Unknown(t.text());
    }

    private static Object variable(String name, Scope scope) {
        if (scope.arguments().containsKey(name)) {
            return eval(scope.arguments().get(name), scope.caller());
        }
        if (scope.inputs().containsKey(name)) {
            return scope.inputs().get(name);
        }
        Block declaration = scope.module().variables().get(name);
        if (declaration != null && declaration.body().attributes().containsKey("default")) {
            return eval(declaration.body().attribute("default"), scope.unbound());
        }
        return new Unknown("var." + name);
    }

    private static Scope root(Scope scope) {
        return scope.caller() == null ? scope : root(scope.caller());
    }

    private static Object call(Call c, Scope scope) {
        List<Object> args = c.args().stream().map(e -> eval(e, scope)).toList();
        if (c.name().equals("jsonencode")) {
            return JSON.writeValueAsString(printable(args.get(0)));
        }
        if (c.name().equals("merge") && args.stream().allMatch(Map.class::isInstance)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            args.forEach(a -> ((Map<?, ?>) a).forEach((k, v) -> merged.put((String) k, v)));
            return merged;
        }
        if (args.stream().anyMatch(Unknown.class::isInstance)) {
            return new Unknown(c.text());
        }
        return switch (c.name()) {
            case "tostring" -> string(args.get(0));
            case "join" -> {
                if (((List<?>) args.get(1)).stream().anyMatch(Unknown.class::isInstance)) {
                    yield new Unknown(c.text());
                }
                yield String.join((String) args.get(0), ((List<?>) args.get(1)).stream().map(Evaluator::string).toList());
            }
            case "coalesce" -> args.stream().filter(a -> a != null && !"".equals(a)).findFirst().orElse(null);
            case "lower" -> ((String) args.get(0)).toLowerCase(java.util.Locale.ROOT);
            case "upper" -> ((String) args.get(0)).toUpperCase(java.util.Locale.ROOT);
            case "tomap" -> args.get(0);
            case "toset" -> new ArrayList<>(new LinkedHashSet<>((List<?>) args.get(0)));
            case "values" -> new ArrayList<>(((Map<?, ?>) args.get(0)).values());
            case "keys" -> new ArrayList<>(((Map<?, ?>) args.get(0)).keySet());
            case "contains" -> ((List<?>) args.get(0)).contains(args.get(1));
            case "length" -> BigDecimal.valueOf(args.get(0) instanceof Map<?, ?> m ? m.size()
                    : args.get(0) instanceof List<?> l ? l.size() : ((String) args.get(0)).length());
            case "startswith" -> ((String) args.get(0)).startsWith((String) args.get(1));
            default -> new Unknown(c.text());
        };
    }

    private static Object forExpression(For f, Scope scope) {
        Map<Object, Object> entries = entries(eval(f.collection(), scope));
        if (entries == null) {
            return new Unknown(f.text());
        }
        List<Object> items = new ArrayList<>();
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : entries.entrySet()) {
            Scope inner = scope.bind(f.valueVar(), entry.getValue());
            if (f.keyVar() != null) {
                inner = inner.bind(f.keyVar(), entry.getKey());
            }
            if (f.condition() != null && !Boolean.TRUE.equals(eval(f.condition(), inner))) {
                continue;
            }
            if (f.object()) {
                Object key = eval(f.key(), inner);
                if (!(key instanceof String k)) {
                    return new Unknown(f.text());
                }
                object.put(k, eval(f.value(), inner));
            } else {
                items.add(eval(f.value(), inner));
            }
        }
        return f.object() ? object : items;
    }

    /** What a {@code for} iterates: a map's entries, or a list's items by index; null when not known. */
    static Map<Object, Object> entries(Object collection) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        if (collection instanceof Map<?, ?> map) {
            entries.putAll(map);
        } else if (collection instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                entries.put(BigDecimal.valueOf(i), list.get(i));
            }
        } else {
            return null;
        }
        return entries;
    }

    private static Object operation(Operation o, Scope scope) {
        if (o.operator().equals("?:")) {
            Object condition = eval(o.operands().get(0), scope);
            return condition instanceof Boolean b ? eval(o.operands().get(b ? 1 : 2), scope) : new Unknown(o.text());
        }
        List<Object> values = o.operands().stream().map(e -> eval(e, scope)).toList();
        if (values.stream().anyMatch(Unknown.class::isInstance)) {
            return new Unknown(o.text());
        }
        return switch (o.operator()) {
            case "==" -> java.util.Objects.equals(normal(values.get(0)), normal(values.get(1)));
            case "!=" -> !java.util.Objects.equals(normal(values.get(0)), normal(values.get(1)));
            case "!" -> !(Boolean) values.get(0);
            case "&&" -> (Boolean) values.get(0) && (Boolean) values.get(1);
            case "||" -> (Boolean) values.get(0) || (Boolean) values.get(1);
            case "-" -> values.size() == 1 ? ((BigDecimal) values.get(0)).negate()
                    : ((BigDecimal) values.get(0)).subtract((BigDecimal) values.get(1));
            case "+" -> ((BigDecimal) values.get(0)).add((BigDecimal) values.get(1));
            case "*" -> ((BigDecimal) values.get(0)).multiply((BigDecimal) values.get(1));
            default -> new Unknown(o.text());
        };
    }

    private static Object normal(Object value) {
        return value instanceof BigDecimal n ? n.stripTrailingZeros() : value;
    }

    /** A value as Terraform's tostring and string templates render it. */
    public static String string(Object value) {
        if (value instanceof BigDecimal n) {
            return n.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static Object printable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, printable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Evaluator::printable).toList();
        }
        return value instanceof Unknown u ? u.toString() : value;
    }

    private static String attr(List<Step> steps, int i) {
        return steps.size() > i && steps.get(i) instanceof Attr a ? a.name() : "?";
    }
}
