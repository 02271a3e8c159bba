package dev.greenlight.localcloud.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;

/**
 * Why the local system could not start, in one line for {@code ./greenlight up} to print: a setting that could not
 * be read, named as the environment variable that sets it with the value and the kind of value it takes, or else
 * the deepest cause's own message.
 */
final class StartFailure {

    private StartFailure() {
    }

    static String of(Throwable failure) {
        BindException setting = null;
        Throwable root = failure;
        for (int depth = 0; depth < 50; depth++) {
            if (root instanceof BindException bind) {
                setting = bind;
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        if (setting == null) {
            String why = firstLine(root.getMessage());
            return why.isEmpty() ? "an unexpected error (the log has its details)" : why;
        }
        String name = setting.getName().toString();
        String variable = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        Object value = setting.getProperty() == null ? null : setting.getProperty().getValue();
        Class<?> type = setting.getTarget().getType().resolve();
        String expected = type == null ? "value" : type.isEnum() ? "value (one of " + Arrays.stream(type.getEnumConstants())
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")" : type.getSimpleName();
        return variable + (value == null ? "" : "='" + value + "'") + " is not a valid " + expected + " for " + name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
