package dev.greenlight.deploy;

import java.util.ArrayList;
import java.util.List;

/** The instructions of a Dockerfile, by stage, with line continuations joined and comments dropped. */
record Dockerfile(List<String> args, List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String from, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    static Dockerfile parse(String text) {
        List<String> args = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : text.split("\n")) {
            String trimmed = raw.strip();
            if (line.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                line.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            line.append(trimmed);
            String[] parts = line.toString().split("\\s+", 2);
            line.setLength(0);
            String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                stages.add(new Stage(from[0], from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null, new ArrayList<>()));
            } else if (stages.isEmpty() && keyword.equals("ARG")) {
                args.add(arguments);
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(args, stages);
    }

    /** The default of a global ARG. */
    String arg(String name) {
        return args.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no ARG " + name + " with a default"));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
