package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import tools.jackson.databind.JsonNode;

/**
 * The release workflow drawn as SVG: its states and transitions from the Amazon States Language definition, laid
 * out once by ELK's layered algorithm, then drawn for one execution with the states it entered, the transitions it
 * took, the state it is in and the state it failed in marked by CSS classes (the page's stylesheet colours them).
 */
final class WorkflowGraph {

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private static final double CHAR_WIDTH = 6.6;
    private static final double NODE_HEIGHT = 26;
    private static final double PADDING = 18;
    private static final double MARGIN = 8;

    /** A state as laid out: its box, top-left corner first. */
    record Box(String name, String type, double x, double y, double width, double height) {
    }

    /** A transition as laid out: the points of its polyline. */
    record Line(String from, String to, List<double[]> points) {
    }

    private final List<Box> boxes;
    private final List<Line> lines;
    private final double width;
    private final double height;

    private WorkflowGraph(List<Box> boxes, List<Line> lines, double width, double height) {
        this.boxes = boxes;
        this.lines = lines;
        this.width = width;
        this.height = height;
    }

    /** Lays out the definition's top-level states; throws IllegalArgumentException if it has none. */
    static WorkflowGraph layout(JsonNode definition) {
        JsonNode states = definition.path("States");
        if (!states.isObject() || states.isEmpty()) {
            throw new IllegalArgumentException("the state machine's definition has no States");
        }
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 26.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 10.0);
        // places nodes closer to their neighbours than the default, which makes this workflow a third narrower
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> state : states.properties()) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(state.getKey());
            node.setWidth(state.getKey().length() * CHAR_WIDTH + PADDING);
            node.setHeight(NODE_HEIGHT);
            nodes.put(state.getKey(), node);
            types.put(state.getKey(), state.getValue().path("Type").asString("Task"));
        }
        Map<ElkEdge, String[]> edges = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> state : states.properties()) {
            for (String next : successors(state.getValue())) {
                ElkNode to = nodes.get(next);
                if (to != null) {
                    edges.put(ElkGraphUtil.createSimpleEdge(nodes.get(state.getKey()), to),
                            new String[] {state.getKey(), next});
                }
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        List<Box> boxes = new ArrayList<>();
        nodes.forEach((name, node) -> boxes.add(new Box(name, types.get(name), node.getX(), node.getY(),
                node.getWidth(), node.getHeight())));
        List<Line> lines = new ArrayList<>();
        edges.forEach((edge, ends) -> {
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection section : edge.getSections()) {
                points.add(new double[] {section.getStartX(), section.getStartY()});
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points.add(new double[] {bend.getX(), bend.getY()});
                }
                points.add(new double[] {section.getEndX(), section.getEndY()});
            }
            lines.add(new Line(ends[0], ends[1], points));
        });
        return new WorkflowGraph(boxes, lines, root.getWidth(), root.getHeight());
    }

    /** Where a state can go next: Next, a Choice's rules and Default, and its Catchers, each once. */
    static Set<String> successors(JsonNode state) {
        Set<String> next = new LinkedHashSet<>();
        addText(next, state.path("Next"));
        for (JsonNode choice : state.path("Choices")) {
            addText(next, choice.path("Next"));
        }
        addText(next, state.path("Default"));
        for (JsonNode catcher : state.path("Catch")) {
            addText(next, catcher.path("Next"));
        }
        return next;
    }

    private static void addText(Set<String> names, JsonNode value) {
        if (value.isString()) {
            names.add(value.asString());
        }
    }

    List<Box> boxes() {
        return boxes;
    }

    List<Line> lines() {
        return lines;
    }

    /** The graph as an SVG element, with {@code run}'s path marked. */
    String svg(WorkflowRun run) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow\""
                + " viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\""
                + " aria-label=\"the release workflow\">", width + 2 * MARGIN, height + 2 * MARGIN,
                width + 2 * MARGIN, height + 2 * MARGIN));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\""
                + " markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>"
                + "</defs>");
        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%.0f %.0f)\">", MARGIN, MARGIN));
        for (Line line : lines) {
            svg.append("<polyline class=\"edge").append(run.took(line.from(), line.to()) ? " taken" : "")
                    .append("\" data-from=\"").append(xml(line.from())).append("\" data-to=\"").append(xml(line.to()))
                    .append("\" marker-end=\"url(#arrow)\" points=\"");
            for (double[] point : line.points()) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1]));
            }
            svg.append("\"/>");
        }
        for (Box box : boxes) {
            svg.append("<g class=\"").append(classes(box, run)).append("\" data-state=\"")
                    .append(xml(box.name())).append("\" tabindex=\"0\"><title>").append(xml(title(box, run)))
                    .append("</title>");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " rx=\"%d\"/>", box.x(), box.y(), box.width(), box.height(), "Choice".equals(box.type()) ? 13 : 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                    box.x() + box.width() / 2, box.y() + box.height() / 2 + 4)).append(xml(box.name()))
                    .append("</text></g>");
        }
        return svg.append("</g></svg>").toString();
    }

    private static String classes(Box box, WorkflowRun run) {
        StringBuilder classes = new StringBuilder("state ").append(box.type().toLowerCase(Locale.ROOT));
        if (run.entered().containsKey(box.name())) {
            classes.append(" visited");
        }
        if (box.name().equals(run.current())) {
            classes.append(" current");
        }
        if (box.name().equals(run.failed())) {
            classes.append(" failed");
        }
        return classes.toString();
    }

    private static String title(Box box, WorkflowRun run) {
        Integer times = run.entered().get(box.name());
        return box.name() + " (" + box.type() + ")" + (times == null ? ": not entered"
                : ": entered " + times + (times == 1 ? " time" : " times"));
    }

    /** Escapes text for an XML text node or a double-quoted attribute. */
    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
