package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's flags: switches ({@code --once}) and options with a value ({@code --tag v2} or {@code --tag=v2}),
 * some of which may repeat. Anything else is an error naming the flag and the command.
 */
final class Flags {

    private final Set<String> switchesGiven = new HashSet<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Flags() {
    }

    /**
     * @param switches   the flags without a value
     * @param options    the flags with a value, each given at most once
     * @param repeatable the flags with a value that may be given more than once
     */
    static Flags parse(String command, List<String> args, Set<String> switches, Set<String> options,
            Set<String> repeatable) {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (switches.contains(arg)) {
                flags.switchesGiven.add(arg);
            } else if (options.contains(name) || repeatable.contains(name)) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw CliException.invalid(name + " needs a value (" + command + " " + name + " VALUE)");
                }
                List<String> values = flags.values.computeIfAbsent(name, n -> new ArrayList<>());
                values.add(value);
                if (values.size() > 1 && !repeatable.contains(name)) {
                    throw CliException.invalid(name + " is given more than once; give it once");
                }
            } else if (arg.startsWith("-")) {
                throw CliException.invalid("unknown flag " + arg + " for " + command + "; see ./greenlight help");
            } else {
                throw CliException.invalid("unexpected argument " + arg + " for " + command
                        + "; see ./greenlight help");
            }
        }
        return flags;
    }

    boolean has(String name) {
        return switchesGiven.contains(name) || values.containsKey(name);
    }

    Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }
}
