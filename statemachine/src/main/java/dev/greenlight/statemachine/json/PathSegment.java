package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** One step of a {@link JsonPath}: it maps a node to the nodes it selects. */
sealed interface PathSegment {

    void select(JsonNode node, PathRoots roots, List<JsonNode> out);

    default boolean isDefinite() {
        return false;
    }

    /** {@code .name} or {@code ['name']}. */
    record Name(String name) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            if (node.isObject() && node.has(name)) {
                out.add(node.get(name));
            }
        }

        public boolean isDefinite() {
            return true;
        }
    }

    /** {@code ['a','b']}. */
    record Names(List<String> names) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            names.forEach(name -> new Name(name).select(node, roots, out));
        }
    }

    /** {@code [0]} or the union {@code [0,2]}; negative counts from the end. */
    record Indexes(List<Integer> indexes) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            if (!node.isArray()) {
                return;
            }
            for (int index : indexes) {
                int resolved = index < 0 ? node.size() + index : index;
                if (resolved >= 0 && resolved < node.size()) {
                    out.add(node.get(resolved));
                }
            }
        }

        public boolean isDefinite() {
            return indexes.size() == 1;
        }
    }

    /** {@code [start:end:step]} with Python-like bounds. */
    record Slice(Integer start, Integer end, int step) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            if (!node.isArray() || step <= 0) {
                return;
            }
            int size = node.size();
            int from = clamp(start == null ? 0 : start, size);
            int to = clamp(end == null ? size : end, size);
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        }

        private static int clamp(int index, int size) {
            int resolved = index < 0 ? size + index : index;
            return Math.max(0, Math.min(size, resolved));
        }
    }

    /** {@code .*} or {@code [*]}: every member value or element. */
    record Wildcard() implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            if (node.isContainer()) {
                node.values().forEach(out::add);
            }
        }
    }

    /** {@code ..x}: applies the inner segment to the node and every descendant. */
    record DeepScan(PathSegment inner) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            inner.select(node, roots, out);
            if (node.isContainer()) {
                for (JsonNode child : node.values()) {
                    select(child, roots, out);
                }
            }
        }
    }

    /** {@code [?(expression)]}: the elements (or member values) for which the expression holds. */
    record Filter(FilterExpression expression) implements PathSegment {
        public void select(JsonNode node, PathRoots roots, List<JsonNode> out) {
            if (node.isArray()) {
                node.values().stream().filter(element -> expression.test(element, roots)).forEach(out::add);
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    if (expression.test(entry.getValue(), roots)) {
                        out.add(entry.getValue());
                    }
                }
            }
        }
    }
}
