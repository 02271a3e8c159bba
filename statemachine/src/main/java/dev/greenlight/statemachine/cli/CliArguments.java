package dev.greenlight.statemachine.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The parsed command line of {@link Main}. */
record CliArguments(Path definition, Path input, Path stubs, Map<String, String> values, boolean realTime,
                    boolean history) {

    static final String USAGE = "usage: run --definition FILE [--input FILE] [--stubs FILE] [--set Name=value]... "
            + "[--real-time] [--history]";

    static CliArguments parse(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            throw new IllegalArgumentException("the only command is 'run'");
        }
        Path definition = null;
        Path input = null;
        Path stubs = null;
        Map<String, String> values = new HashMap<>();
        boolean realTime = false;
        boolean history = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--definition" -> definition = Path.of(value(args, ++i));
                case "--input" -> input = Path.of(value(args, ++i));
                case "--stubs" -> stubs = Path.of(value(args, ++i));
                case "--set" -> {
                    String pair = value(args, ++i);
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--set needs Name=value, not " + pair);
                    }
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                case "--real-time" -> realTime = true;
                case "--history" -> history = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (definition == null) {
            throw new IllegalArgumentException("--definition is required");
        }
        return new CliArguments(definition, input, stubs, values, realTime, history);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
