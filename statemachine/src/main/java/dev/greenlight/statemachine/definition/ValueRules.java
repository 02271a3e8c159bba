package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.json.IntrinsicCall;
import dev.greenlight.statemachine.json.IntrinsicException;
import dev.greenlight.statemachine.json.Intrinsics;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Checks of single values: paths, payload templates, numbers, timestamps and known field names. */
final class ValueRules {

    private final Problems problems;
    private final VariableRules variables;

    ValueRules(Problems problems, VariableRules variables) {
        this.problems = problems;
        this.variables = variables;
    }

    void unknownFields(String where, JsonNode object, Set<String> allowed) {
        for (String field : object.propertyNames()) {
            if (!allowed.contains(field)) {
                problems.add(where + (where.endsWith("/") ? "" : "/") + field, "is not a known field here");
            }
        }
    }

    void onlyOne(String where, JsonNode object, String a, String b) {
        if (object.has(a) && object.has(b)) {
            problems.add(where, "must not have both " + a + " and " + b);
        }
    }

    void positiveInteger(String where, JsonNode value) {
        if (!Json.isInteger(value) || value.asLong() <= 0) {
            problems.add(where, "must be a positive integer");
        }
    }

    void nonNegativeInteger(String where, JsonNode value) {
        if (!Json.isInteger(value) || value.asLong() < 0) {
            problems.add(where, "must be a non-negative integer");
        }
    }

    void timestamp(String where, JsonNode value) {
        try {
            OffsetDateTime.parse(value.asString());
        } catch (DateTimeParseException e) {
            problems.add(where, "must be an ISO-8601 timestamp such as 2016-03-14T01:59:00Z");
        }
    }

    /** A Path: any JSONPath, such as InputPath and OutputPath take. */
    void path(String where, JsonNode value) {
        reading(where, parse(where, value, false));
    }

    /** A Reference Path: names and single indexes only, selecting at most one node. */
    void referencePath(String where, JsonNode value) {
        reading(where, parse(where, value, true));
    }

    /** ResultPath: a Reference Path into the state's data, never a variable or the context object. */
    void resultPath(String where, JsonNode value) {
        JsonPath path = parse(where, value, true);
        if (path != null && path.root() != JsonPath.Root.DATA) {
            problems.add(where, "must point into the state's data ($), not a variable or the context object");
        }
    }

    private void reading(String where, JsonPath path) {
        if (path != null) {
            variables.referenced(where, path);
        }
    }

    /** Parameters, ResultSelector, ItemSelector: every field ending in .$ holds a path or an intrinsic function. */
    void template(String where, JsonNode template, boolean mustBeObject) {
        if (mustBeObject && !template.isObject()) {
            problems.add(where, "must be a JSON object");
        }
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String key = field.getKey();
                templateField(where + "/" + key, field.getValue(), key.endsWith(".$"));
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                template(where + "/" + i, template.get(i), false);
            }
        }
    }

    /** One field of a payload template: a path or an intrinsic function when its name ends in .$, else a template. */
    void templateField(String where, JsonNode value, boolean dynamic) {
        if (dynamic) {
            dynamicField(where, value);
        } else {
            template(where, value, false);
        }
    }

    /** The parsed path, or null after reporting why it is not one. */
    private JsonPath parse(String where, JsonNode value, boolean reference) {
        if (!value.isString()) {
            problems.add(where, "must be a path string");
            return null;
        }
        try {
            JsonPath path = JsonPath.parse(value.stringValue());
            if (reference && !path.isReferencePath()) {
                problems.add(where, "must be a Reference Path (names and single indexes only)");
            }
            return path;
        } catch (JsonPathException e) {
            problems.add(where, e.getMessage());
            return null;
        }
    }

    private void dynamicField(String where, JsonNode value) {
        if (!value.isString()) {
            problems.add(where, "a field ending in .$ must hold a path or an intrinsic function");
            return;
        }
        String text = value.stringValue();
        if (!IntrinsicCall.looksLikeCall(text)) {
            path(where, value);
            return;
        }
        try {
            intrinsicNames(IntrinsicCall.parse(text), where);
        } catch (IntrinsicException e) {
            problems.add(where, e.getMessage());
        }
    }

    private void intrinsicNames(IntrinsicCall call, String where) {
        if (!Intrinsics.isKnown(call.name())) {
            problems.add(where, "unknown intrinsic function " + call.name());
        }
        for (IntrinsicCall.Argument argument : call.arguments()) {
            if (argument instanceof IntrinsicCall.Nested nested) {
                intrinsicNames(nested.call(), where);
            } else if (argument instanceof IntrinsicCall.PathArgument path) {
                variables.referenced(where, path.path());
            }
        }
    }
}
