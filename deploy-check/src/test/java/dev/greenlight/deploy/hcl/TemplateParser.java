package dev.greenlight.deploy.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.greenlight.deploy.hcl.Hcl.Expr;
import dev.greenlight.deploy.hcl.Hcl.SyntaxException;
import dev.greenlight.deploy.hcl.Hcl.Template;
import dev.greenlight.deploy.hcl.Hcl.TemplateFor;
import dev.greenlight.deploy.hcl.Hcl.TemplateIf;

/**
 * Reads the template inside a quoted string or a heredoc, in Terraform's order: first a flat run of literals,
 * interpolations and directives, where a strip marker trims only the literal right beside it; then, for
 * {@code <<-}, the indentation shared by the literals that start a line is removed; then the directives are
 * nested. In a heredoc every line is its own literal, so {@code ${~ x}} trims the spaces before it on its line
 * but not the blank lines above it, as Terraform does.
 */
final class TemplateParser {

    /** A directive as written: {@code if}, {@code else}, {@code endif}, {@code for} or {@code endfor}, and the rest. */
    private record Directive(String keyword, String header, int line) {
    }

    private static final List<String> KEYWORDS = List.of("if", "else", "endif", "for", "endfor");
    private static final Pattern FOR_HEADER = Pattern.compile(
            "([A-Za-z_][\\w-]*)(?:\\s*,\\s*([A-Za-z_][\\w-]*))?\\s+in\\s+(.+)", Pattern.DOTALL);

    private final String raw;
    private final boolean quoted;
    private final String file;
    private int line;
    /** Literal {@link String}s, interpolated {@link Expr}s and {@link Directive}s, in order. */
    private final List<Object> flat = new ArrayList<>();
    private boolean trimNextLiteral;
    private int next;

    private TemplateParser(String raw, boolean quoted, String file, int line) {
        this.raw = raw;
        this.quoted = quoted;
        this.file = file;
        this.line = line;
    }

    /** The template of a quoted string, {@code raw} being what is between the quotes. */
    static Template quoted(String raw, String file, int line) {
        TemplateParser parser = new TemplateParser(raw, true, file, line);
        parser.scan();
        return new Template(parser.root(), "\"" + raw + "\"");
    }

    /** The template of a heredoc, {@code raw} being its lines; {@code line} is the line of its opening marker. */
    static Template heredoc(String raw, boolean indented, String text, String file, int line) {
        TemplateParser parser = new TemplateParser(raw, false, file, line + 1);
        parser.scan();
        if (indented) {
            parser.removeSharedIndentation();
        }
        return new Template(parser.root(), text);
    }

    // ---- the flat run ----

    private void scan() {
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i) || raw.startsWith("%%{", i)) {
                literal.append(raw.charAt(i)).append('{');
                i += 3;
            } else if (raw.startsWith("${", i) || raw.startsWith("%{", i)) {
                addLiteral(literal);
                i = sequence(i);
            } else if (quoted && raw.charAt(i) == '\\') {
                i = escape(i, literal);
            } else {
                char c = raw.charAt(i++);
                literal.append(c);
                if (c == '\n') {
                    addLiteral(literal);
                    line++;
                }
            }
        }
        addLiteral(literal);
    }

    private void addLiteral(StringBuilder literal) {
        if (literal.isEmpty()) {
            return;
        }
        String value = literal.toString();
        literal.setLength(0);
        flat.add(trimNextLiteral ? stripLeading(value) : value);
        trimNextLiteral = false;
    }

    /** Reads the {@code ${ }} or {@code %{ }} opening at {@code open}; returns the index after it. */
    private int sequence(int open) {
        int close = matchingBrace(open + 2);
        String inner = raw.substring(open + 2, close);
        if (inner.startsWith("~")) {
            inner = inner.substring(1);
            int last = flat.size() - 1;
            if (last >= 0 && flat.get(last) instanceof String previous) {
                flat.set(last, stripTrailing(previous));
            }
        }
        boolean trimAfter = inner.endsWith("~");
        if (trimAfter) {
            inner = inner.substring(0, inner.length() - 1);
        }
        flat.add(raw.charAt(open) == '$' ? expression(inner, line) : directive(inner.strip()));
        trimNextLiteral = trimAfter;
        line += (int) inner.chars().filter(c -> c == '\n').count();
        return close + 1;
    }

    private Directive directive(String inner) {
        String keyword = inner.split("\\s", 2)[0];
        String header = inner.substring(keyword.length()).strip();
        if (!KEYWORDS.contains(keyword)) {
            throw new SyntaxException(file, line, "unknown template directive %{ " + inner + " }");
        }
        if (keyword.equals("if") || keyword.equals("for") ? header.isEmpty() : !header.isEmpty()) {
            throw new SyntaxException(file, line, "malformed template directive %{ " + inner + " }");
        }
        return new Directive(keyword, header, line);
    }

    private int escape(int i, StringBuilder literal) {
        char e = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
        switch (e) {
            case 'n' -> literal.append('\n');
            case 't' -> literal.append('\t');
            case 'r' -> literal.append('\r');
            case '"' -> literal.append('"');
            case '\\' -> literal.append('\\');
            case 'u' -> {
                literal.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
                return i + 6;
            }
            default -> throw new SyntaxException(file, line, "unknown escape \\" + e);
        }
        return i + 2;
    }

    private int matchingBrace(int i) {
        int depth = 1;
        boolean inString = false;
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new SyntaxException(file, line, "unterminated interpolation or directive");
    }

    // ---- <<- indentation ----

    /**
     * Removes from every literal that starts a line the smallest indentation among them. A line that starts with
     * an interpolation or directive has none; a line holding only spaces does not count, and keeps its spaces.
     */
    private void removeSharedIndentation() {
        int shared = Integer.MAX_VALUE;
        List<Integer> lineStarts = new ArrayList<>();
        boolean atLineStart = true;
        for (int i = 0; i < flat.size(); i++) {
            Object token = flat.get(i);
            if (atLineStart && !(token instanceof String)) {
                shared = 0;
            } else if (atLineStart && token instanceof String literal && !(literal.isBlank() && literal.endsWith("\n"))) {
                shared = Math.min(shared, literal.length() - stripLeading(literal).length());
                lineStarts.add(i);
            }
            atLineStart = token instanceof String text && text.endsWith("\n");
        }
        for (int i : lineStarts) {
            flat.set(i, ((String) flat.get(i)).substring(shared));
        }
    }

    // ---- nesting ----

    private List<Object> root() {
        List<Object> parts = parts(null);
        return parts.isEmpty() ? List.of("") : parts;
    }

    /** The parts up to the directive that ends {@code opening} ({@code null}: up to the end of the template). */
    private List<Object> parts(Directive opening, String... ends) {
        List<Object> parts = new ArrayList<>();
        while (next < flat.size()) {
            Object token = flat.get(next);
            if (token instanceof Directive d && List.of(ends).contains(d.keyword())) {
                return parts;
            }
            next++;
            if (token instanceof Directive d) {
                add(parts, switch (d.keyword()) {
                    case "if" -> ifDirective(d);
                    case "for" -> forDirective(d);
                    default -> throw new SyntaxException(file, d.line(), "%{ " + d.keyword() + " } without its opening directive");
                });
            } else {
                add(parts, token);
            }
        }
        if (opening != null) {
            throw new SyntaxException(file, opening.line(), "%{ " + opening.keyword() + " } has no %{ end" + opening.keyword() + " }");
        }
        return parts;
    }

    private TemplateIf ifDirective(Directive d) {
        Expr condition = expression(d.header(), d.line());
        List<Object> then = parts(d, "else", "endif");
        List<Object> otherwise = List.of();
        if (((Directive) flat.get(next++)).keyword().equals("else")) {
            otherwise = parts(d, "endif");
            next++;
        }
        return new TemplateIf(condition, then, otherwise);
    }

    private TemplateFor forDirective(Directive d) {
        Matcher header = FOR_HEADER.matcher(d.header());
        if (!header.matches()) {
            throw new SyntaxException(file, d.line(), "expected %{ for name in collection } or %{ for key, value in collection }");
        }
        Expr collection = expression(header.group(3), d.line());
        List<Object> body = parts(d, "endfor");
        next++;
        String keyVar = header.group(2) == null ? null : header.group(1);
        String valueVar = header.group(2) == null ? header.group(1) : header.group(2);
        return new TemplateFor(keyVar, valueVar, collection, body);
    }

    /** Adds a part, joining it to a literal before it and leaving out literals a strip marker emptied. */
    private static void add(List<Object> parts, Object part) {
        if (part instanceof String s && !parts.isEmpty() && parts.get(parts.size() - 1) instanceof String previous) {
            parts.set(parts.size() - 1, previous + s);
        } else if (!"".equals(part)) {
            parts.add(part);
        }
    }

    private Expr expression(String source, int at) {
        return Hcl.parseExpression(source, file + ":" + at);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Unicode white space, as Terraform trims it (Java's own strip leaves out no-break spaces). */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
