package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath as Step Functions reads it: {@code $} is the data, {@code $$} the context object, {@code $name}
 * the workflow variable {@code name} and {@code @} the current node inside a filter. Supports names, quoted names, indexes, unions, slices,
 * wildcards, deep scan and filter expressions.
 */
public final class JsonPath {

    /** Where a path starts. */
    public enum Root { DATA, CONTEXT, VARIABLE, CURRENT }

    private final String text;
    private final Root root;
    private final String variable;
    private final List<PathSegment> segments;

    JsonPath(String text, Root root, String variable, List<PathSegment> segments) {
        this.text = text;
        this.root = root;
        this.variable = variable;
        this.segments = List.copyOf(segments);
    }

    /** Parses a path; throws {@link JsonPathException} saying what is wrong. */
    public static JsonPath parse(String text) {
        return new JsonPathParser(text).parsePath();
    }

    /** True when the text parses as a path. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (JsonPathException e) {
            return false;
        }
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The name of the variable a {@code $name} path starts from, else null. */
    public String variable() {
        return variable;
    }

    /** A definite path selects at most one node: only names and single indexes. */
    public boolean isDefinite() {
        return segments.stream().allMatch(PathSegment::isDefinite);
    }

    /** A Reference Path (ASL): definite, and rooted at {@code $}, {@code $$} or a variable. */
    public boolean isReferencePath() {
        return isDefinite() && root != Root.CURRENT;
    }

    /** All nodes the path selects, in document order. */
    public List<JsonNode> select(PathRoots roots) {
        return selectFrom(start(roots), roots);
    }

    /** Like {@link #select} but a path rooted at {@code @} starts from {@code current}. */
    List<JsonNode> select(JsonNode current, PathRoots roots) {
        return selectFrom(root == Root.CURRENT ? current : start(roots), roots);
    }

    private JsonNode start(PathRoots roots) {
        return switch (root) {
            case CONTEXT -> roots.context();
            case VARIABLE -> roots.variables().get(variable);
            default -> roots.data();
        };
    }

    private List<JsonNode> selectFrom(JsonNode start, PathRoots roots) {
        List<JsonNode> current = new ArrayList<>();
        if (start != null && !start.isMissingNode()) {
            current.add(start);
        }
        for (PathSegment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                segment.select(node, roots, next);
            }
            current = next;
        }
        return current;
    }

    /**
     * The value as Step Functions hands it on: a definite path gives the one node it selects (and fails
     * when there is none); any other path gives an array of every match.
     */
    public JsonNode evaluate(PathRoots roots) {
        List<JsonNode> matches = select(roots);
        if (isDefinite()) {
            if (matches.isEmpty()) {
                throw new JsonPathException("The JSONPath '" + text + "' could not be found in the input");
            }
            return matches.get(0);
        }
        ArrayNode array = Json.array();
        matches.forEach(array::add);
        return array;
    }

    /**
     * Writes {@code value} into {@code target} at this reference path, creating missing objects on the
     * way, and returns the new document. Fails when the path runs through a value that is not an object.
     */
    public JsonNode set(JsonNode target, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode copy = target.deepCopy();
        if (!copy.isContainer()) {
            throw new JsonPathException("Unable to apply ResultPath '" + text + "' to a " + copy.getNodeType());
        }
        JsonNode node = copy;
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            node = step(node, segments.get(i), last ? value : null);
        }
        return copy;
    }

    private JsonNode step(JsonNode node, PathSegment segment, JsonNode valueIfLast) {
        if (segment instanceof PathSegment.Name name && node instanceof ObjectNode object) {
            if (valueIfLast != null) {
                object.set(name.name(), valueIfLast);
                return valueIfLast;
            }
            JsonNode child = object.get(name.name());
            if (child == null || child.isNull()) {
                child = Json.object();
                object.set(name.name(), child);
            }
            if (!child.isContainer()) {
                throw new JsonPathException("Unable to apply ResultPath '" + text + "': '" + name.name() + "' is not an object");
            }
            return child;
        }
        if (segment instanceof PathSegment.Indexes indexes && node instanceof ArrayNode array) {
            int index = indexes.indexes().get(0);
            int resolved = index < 0 ? array.size() + index : index;
            if (resolved < 0 || resolved >= array.size()) {
                throw new JsonPathException("Unable to apply ResultPath '" + text + "': index " + index + " is out of range");
            }
            if (valueIfLast != null) {
                array.set(resolved, valueIfLast);
                return valueIfLast;
            }
            return array.get(resolved);
        }
        throw new JsonPathException("Unable to apply ResultPath '" + text + "' to the state's input");
    }

    @Override
    public String toString() {
        return text;
    }
}
