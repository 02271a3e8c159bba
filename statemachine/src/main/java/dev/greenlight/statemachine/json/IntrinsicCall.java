package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed intrinsic function call such as {@code States.Format('x {}', $.name)}. Arguments are
 * literals, paths ({@code $}, {@code $$} or a variable) or nested calls.
 */
public record IntrinsicCall(String name, List<Argument> arguments) {

    /** One argument of a call. */
    public sealed interface Argument {
        JsonNode value(PathRoots roots, Intrinsics functions);
    }

    /** A literal; for strings {@code raw} keeps the escapes as written, which States.Format needs. */
    public record Literal(JsonNode literal, String raw) implements Argument {
        Literal(JsonNode literal) {
            this(literal, null);
        }

        public JsonNode value(PathRoots roots, Intrinsics functions) {
            return literal;
        }
    }

    public record PathArgument(JsonPath path) implements Argument {
        public JsonNode value(PathRoots roots, Intrinsics functions) {
            try {
                return path.evaluate(roots);
            } catch (JsonPathException e) {
                throw new IntrinsicException(e.getMessage());
            }
        }
    }

    public record Nested(IntrinsicCall call) implements Argument {
        public JsonNode value(PathRoots roots, Intrinsics functions) {
            return functions.call(call, roots);
        }
    }

    /** True when the text looks like an intrinsic call, which is how Parameters tells it from a path. */
    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    public static IntrinsicCall parse(String text) {
        Parser parser = new Parser(text);
        IntrinsicCall call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the call");
        }
        return call;
    }

    /** Resolves the escapes {@code \\'}, {@code \\{}, {@code \\}} and {@code \\\\}. */
    static String unescape(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            value.append(c);
        }
        return value.toString();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        IntrinsicCall call() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!name.startsWith("States.")) {
                throw error("a function name must start with 'States.'");
            }
            expect('(');
            List<Argument> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() != ')') {
                do {
                    arguments.add(argument());
                    skipSpaces();
                } while (consume(','));
            }
            expect(')');
            return new IntrinsicCall(name, arguments);
        }

        private Argument argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                String raw = quoted();
                return new Literal(Json.text(unescape(raw)), raw);
            }
            if (c == '$') {
                return new PathArgument(path());
            }
            if (text.startsWith("States.", pos)) {
                return new Nested(call());
            }
            int start = pos;
            while (pos < text.length() && peek() != ',' && peek() != ')' && !Character.isWhitespace(peek())) {
                pos++;
            }
            String word = text.substring(start, pos);
            try {
                JsonNode literal = Json.parse(word);
                if (literal.isValueNode()) {
                    return new Literal(literal);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw error("'" + word + "' is not a string in single quotes, a number, a boolean, null, a path or a call");
        }

        private JsonPath path() {
            int start = pos;
            int depth = 0;
            boolean quoted = false;
            while (pos < text.length()) {
                char c = peek();
                if (c == '\'' ) {
                    quoted = !quoted;
                } else if (!quoted && (c == '[' || c == '(')) {
                    depth++;
                } else if (!quoted && (c == ']' || (c == ')' && depth > 0))) {
                    depth--;
                } else if (!quoted && depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                pos++;
            }
            try {
                return JsonPath.parse(text.substring(start, pos));
            } catch (JsonPathException e) {
                throw new IntrinsicException(e.getMessage());
            }
        }

        /** The text between single quotes, escapes left as written. */
        private String quoted() {
            int start = ++pos;
            while (pos < text.length() && peek() != '\'') {
                pos += peek() == '\\' ? 2 : 1;
            }
            String raw = text.substring(start, Math.min(pos, text.length()));
            expect('\'');
            return raw;
        }

        private boolean consume(char c) {
            skipSpaces();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        IntrinsicException error(String what) {
            return new IntrinsicException("invalid intrinsic function '" + text + "' at position " + pos + ": " + what);
        }
    }
}
