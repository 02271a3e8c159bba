package dev.greenlight.deploy.hcl;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the HCL native syntax as the Terraform here uses it: bodies of attributes and blocks, and
 * expressions as a syntax tree (literals, string templates, tuples, objects, references, function calls,
 * for expressions, operators). Heredocs and template directives ({@code %{ }}) are not supported: a file
 * using them fails to parse with a message saying so, rather than being half understood.
 *
 * <p>{@code terraform fmt} is the authority on syntax; this reader exists so that tests can look at what the
 * configuration means: which names it references, what each attribute is bound to.
 */
public final class Hcl {

    private Hcl() {
    }

    // ---- the syntax tree ----

    /** A body: attributes by name, and blocks in order. */
    public record Body(Map<String, Expr> attributes, List<Block> blocks) {

        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }

        public Block block(String type) {
            List<Block> found = blocks(type);
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + type + " block, found " + found.size());
            }
            return found.get(0);
        }

        public Expr attribute(String name) {
            Expr value = attributes.get(name);
            if (value == null) {
                throw new IllegalStateException("no attribute " + name + " (has " + attributes.keySet() + ")");
            }
            return value;
        }
    }

    /** A block such as {@code resource "aws_lb" "this" { ... }}. */
    public record Block(String type, List<String> labels, Body body, String file, int line) {

        public String where() {
            return file + ":" + line + " " + type + " " + String.join(".", labels);
        }
    }

    /** An expression, with its source text for messages. */
    public sealed interface Expr permits Literal, Template, TupleExpr, ObjectExpr, Traversal, Call, For, Operation {
        String text();
    }

    /** A string, number ({@link BigDecimal}), bool or null. */
    public record Literal(Object value, String text) implements Expr {
    }

    /** A quoted string with interpolations; parts are {@link String}s and {@link Expr}s. */
    public record Template(List<Object> parts, String text) implements Expr {

        /** The string, if it has no interpolation. */
        public String literal() {
            if (parts.stream().allMatch(String.class::isInstance)) {
                return String.join("", parts.stream().map(String.class::cast).toList());
            }
            return null;
        }
    }

    public record TupleExpr(List<Expr> items, String text) implements Expr {
    }

    /** An object constructor; keys are identifiers or quoted strings. */
    public record ObjectExpr(Map<String, Expr> items, String text) implements Expr {
    }

    /**
     * A reference such as {@code var.name}, {@code aws_lb.this.arn}, {@code x["A"].arn} or {@code y[*].id};
     * {@code base} is set instead of {@code root} when the traversal starts from another expression.
     */
    public record Traversal(String root, Expr base, List<Step> steps, String text) implements Expr {
    }

    public sealed interface Step permits Attr, Index, Splat {
    }

    public record Attr(String name) implements Step {
    }

    public record Index(Expr key) implements Step {
    }

    public record Splat() implements Step {
    }

    public record Call(String name, List<Expr> args, String text) implements Expr {
    }

    /** {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value}}. */
    public record For(String keyVar, String valueVar, Expr collection, Expr key, Expr value, Expr condition,
            boolean object, String text) implements Expr {
    }

    /** Unary ({@code !}, {@code -}), binary, and the conditional ({@code ?:}, three operands). */
    public record Operation(String operator, List<Expr> operands, String text) implements Expr {
    }

    // ---- entry points ----

    public static Body parseFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static Body parse(String source, String file) {
        Parser parser = new Parser(new Lexer(source, file).tokens(), source, file);
        Body body = parser.body(false);
        parser.expect(Kind.EOF);
        return body;
    }

    public static Expr parseExpression(String source, String file) {
        Parser parser = new Parser(new Lexer(source, file).tokens(), source, file);
        parser.significantNewlines.push(false);
        Expr expr = parser.expression();
        parser.expect(Kind.EOF);
        return expr;
    }

    /** Thrown for syntax this reader does not understand, with the file and line. */
    public static final class SyntaxException extends RuntimeException {
        SyntaxException(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    // ---- lexer ----

    enum Kind { IDENT, NUMBER, STRING, PUNCT, NEWLINE, EOF }

    record Token(Kind kind, String value, int start, int end, int line) {
    }

    static final class Lexer {
        private static final List<String> PUNCTUATION = List.of("...", "=>", "==", "!=", "<=", ">=", "&&", "||",
                "{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "=", "<", ">", "!", "+", "-", "*", "/", "%");

        private final String src;
        private final String file;
        private int pos;
        private int line = 1;

        Lexer(String src, String file) {
            this.src = src;
            this.file = file;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (pos >= src.length()) {
                    tokens.add(new Token(Kind.EOF, "", pos, pos, line));
                    return tokens;
                }
                char c = src.charAt(pos);
                int start = pos;
                if (c == '\n') {
                    pos++;
                    tokens.add(new Token(Kind.NEWLINE, "\n", start, pos, line++));
                } else if (Character.isLetter(c) || c == '_') {
                    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos))
                            || src.charAt(pos) == '_' || src.charAt(pos) == '-')) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.IDENT, src.substring(start, pos), start, pos, line));
                } else if (Character.isDigit(c)) {
                    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                            && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.NUMBER, src.substring(start, pos), start, pos, line));
                } else if (c == '"') {
                    int startLine = line;
                    pos = endOfString(pos, file);
                    tokens.add(new Token(Kind.STRING, src.substring(start + 1, pos - 1), start, pos, startLine));
                } else if (src.startsWith("<<", pos)) {
                    throw new SyntaxException(file, line, "heredoc strings are not supported by this reader");
                } else {
                    String punct = PUNCTUATION.stream().filter(p -> src.startsWith(p, pos)).findFirst()
                            .orElseThrow(() -> new SyntaxException(file, line, "unexpected character '" + c + "'"));
                    pos += punct.length();
                    tokens.add(new Token(Kind.PUNCT, punct, start, pos, line));
                }
            }
        }

        private void skipSpaceAndComments() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '#' || src.startsWith("//", pos)) {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (src.startsWith("/*", pos)) {
                    int end = src.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw new SyntaxException(file, line, "unterminated comment");
                    }
                    line += (int) src.substring(pos, end).chars().filter(ch -> ch == '\n').count();
                    pos = end + 2;
                } else {
                    return;
                }
            }
        }

        /** The index just past the string opening at {@code open}, skipping over interpolations. */
        private int endOfString(int open, String file) {
            int i = open + 1;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else if (c == '\n') {
                    throw new SyntaxException(file, line, "newline in a quoted string");
                } else if (src.startsWith("$${", i) || src.startsWith("%%{", i)) {
                    i += 3;
                } else if (src.startsWith("%{", i)) {
                    throw new SyntaxException(file, line, "template directives (%{...}) are not supported by this reader");
                } else if (src.startsWith("${", i)) {
                    i = endOfInterpolation(i + 2);
                } else {
                    i++;
                }
            }
            throw new SyntaxException(file, line, "unterminated string");
        }

        private int endOfInterpolation(int i) {
            int depth = 1;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '"') {
                    i = endOfString(i, file);
                    continue;
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            throw new SyntaxException(file, line, "unterminated interpolation");
        }
    }

    // ---- parser ----

    static final class Parser {
        private final List<Token> tokens;
        private final String src;
        private final String file;
        private int next;
        /** Whether a newline ends the current construct: yes in bodies and objects, no inside () and []. */
        final java.util.ArrayDeque<Boolean> significantNewlines = new java.util.ArrayDeque<>();

        Parser(List<Token> tokens, String src, String file) {
            this.tokens = tokens;
            this.src = src;
            this.file = file;
        }

        Body body(boolean inBraces) {
            significantNewlines.push(true);
            Map<String, Expr> attributes = new LinkedHashMap<>();
            List<Block> blocks = new ArrayList<>();
            while (true) {
                skipNewlines();
                Token t = peekRaw();
                if (t.kind() == Kind.EOF || inBraces && isPunct(t, "}")) {
                    break;
                }
                Token name = expect(Kind.IDENT);
                if (isPunct(peekRaw(), "=")) {
                    next++;
                    if (attributes.containsKey(name.value())) {
                        throw error(name, "attribute " + name.value() + " set twice");
                    }
                    attributes.put(name.value(), expression());
                    Token end = peekRaw();
                    if (!(end.kind() == Kind.NEWLINE || end.kind() == Kind.EOF || isPunct(end, "}"))) {
                        throw error(end, "expected the end of the line after attribute " + name.value());
                    }
                } else {
                    List<String> labels = new ArrayList<>();
                    while (peekRaw().kind() == Kind.STRING || peekRaw().kind() == Kind.IDENT) {
                        labels.add(tokens.get(next++).value());
                    }
                    expectPunct("{");
                    Body inner = body(true);
                    expectPunct("}");
                    blocks.add(new Block(name.value(), labels, inner, file, name.line()));
                }
            }
            significantNewlines.pop();
            return new Body(attributes, blocks);
        }

        Expr expression() {
            int start = peek().start();
            Expr condition = binary(0);
            if (isPunct(peek(), "?")) {
                next++;
                Expr yes = expression();
                expectPunct(":");
                Expr no = expression();
                return new Operation("?:", List.of(condition, yes, no), text(start));
            }
            return condition;
        }

        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("==", "!="),
                List.of("<", ">", "<=", ">="), List.of("+", "-"), List.of("*", "/", "%"));

        private Expr binary(int level) {
            if (level == LEVELS.size()) {
                return unary();
            }
            int start = peek().start();
            Expr left = binary(level + 1);
            while (peek().kind() == Kind.PUNCT && LEVELS.get(level).contains(peek().value())) {
                String op = tokens.get(next++).value();
                skipNewlinesIfInsignificant();
                Expr right = binary(level + 1);
                left = new Operation(op, List.of(left, right), text(start));
            }
            return left;
        }

        private Expr unary() {
            Token t = peek();
            if (isPunct(t, "!") || isPunct(t, "-")) {
                next++;
                Expr operand = unary();
                return new Operation(t.value(), List.of(operand), text(t.start()));
            }
            return postfix(primary());
        }

        private Expr postfix(Expr base) {
            int start = startOf(base);
            List<Step> steps = new ArrayList<>();
            while (true) {
                Token t = peekRaw();
                if (isPunct(t, ".") && tokens.get(next + 1).kind() == Kind.IDENT) {
                    next++;
                    steps.add(new Attr(tokens.get(next++).value()));
                } else if (isPunct(t, ".") && isPunct(tokens.get(next + 1), "*")) {
                    next += 2;
                    steps.add(new Splat());
                } else if (isPunct(t, "[")) {
                    next++;
                    significantNewlines.push(false);
                    if (isPunct(peek(), "*")) {
                        next++;
                        steps.add(new Splat());
                    } else {
                        steps.add(new Index(expression()));
                    }
                    expectPunct("]");
                    significantNewlines.pop();
                } else {
                    break;
                }
            }
            if (steps.isEmpty()) {
                return base;
            }
            if (base instanceof Traversal r && r.base() == null) {
                List<Step> all = new ArrayList<>(r.steps());
                all.addAll(steps);
                return new Traversal(r.root(), null, all, text(start));
            }
            return new Traversal(null, base, steps, text(start));
        }

        private Expr primary() {
            Token t = tokens.get(skipInsignificantNewlines());
            next++;
            switch (t.kind()) {
                case NUMBER:
                    return new Literal(new BigDecimal(t.value()), t.value());
                case STRING:
                    return template(t);
                case IDENT:
                    if (t.value().equals("true") || t.value().equals("false")) {
                        return new Literal(Boolean.valueOf(t.value()), t.value());
                    }
                    if (t.value().equals("null")) {
                        return new Literal(null, t.value());
                    }
                    if (isPunct(peekRaw(), "(")) {
                        return call(t);
                    }
                    return new Traversal(t.value(), null, List.of(), t.value());
                case PUNCT:
                    if (t.value().equals("[")) {
                        return tuple(t);
                    }
                    if (t.value().equals("{")) {
                        return object(t);
                    }
                    if (t.value().equals("(")) {
                        significantNewlines.push(false);
                        Expr inner = expression();
                        expectPunct(")");
                        significantNewlines.pop();
                        return inner;
                    }
                    throw error(t, "unexpected '" + t.value() + "'");
                default:
                    throw error(t, "expected an expression, found " + t.kind());
            }
        }

        private Expr call(Token name) {
            expectPunct("(");
            significantNewlines.push(false);
            List<Expr> args = new ArrayList<>();
            while (!isPunct(peek(), ")")) {
                args.add(expression());
                if (isPunct(peek(), "...")) {
                    throw error(peek(), "argument expansion (...) is not supported by this reader");
                }
                if (!isPunct(peek(), ")")) {
                    expectPunct(",");
                }
            }
            expectPunct(")");
            significantNewlines.pop();
            return new Call(name.value(), args, text(name.start()));
        }

        private Expr tuple(Token open) {
            significantNewlines.push(false);
            Expr result;
            if (isIdent(peek(), "for")) {
                result = forExpression(open, false, "]");
            } else {
                List<Expr> items = new ArrayList<>();
                while (!isPunct(peek(), "]")) {
                    items.add(expression());
                    if (!isPunct(peek(), "]")) {
                        expectPunct(",");
                    }
                }
                expectPunct("]");
                result = new TupleExpr(items, text(open.start()));
            }
            significantNewlines.pop();
            return result;
        }

        private Expr object(Token open) {
            int afterNewlines = next;
            while (tokens.get(afterNewlines).kind() == Kind.NEWLINE) {
                afterNewlines++;
            }
            if (isIdent(tokens.get(afterNewlines), "for")) {
                next = afterNewlines;
                significantNewlines.push(false);
                Expr result = forExpression(open, true, "}");
                significantNewlines.pop();
                return result;
            }
            significantNewlines.push(true);
            Map<String, Expr> items = new LinkedHashMap<>();
            while (true) {
                skipNewlines();
                Token key = tokens.get(next);
                if (isPunct(key, "}")) {
                    next++;
                    break;
                }
                String name;
                if (key.kind() == Kind.IDENT) {
                    name = key.value();
                } else if (key.kind() == Kind.STRING && template(key) instanceof Template tpl && tpl.literal() != null) {
                    name = tpl.literal();
                } else {
                    throw error(key, "object keys must be names or plain strings");
                }
                next++;
                if (!(isPunct(peekRaw(), "=") || isPunct(peekRaw(), ":"))) {
                    throw error(peekRaw(), "expected = after object key " + name);
                }
                next++;
                if (items.put(name, expression()) != null) {
                    throw error(key, "object key " + name + " given twice");
                }
                if (isPunct(peekRaw(), ",")) {
                    next++;
                }
            }
            significantNewlines.pop();
            return new ObjectExpr(items, text(open.start()));
        }

        private Expr forExpression(Token open, boolean object, String close) {
            next++; // for
            String first = expect(Kind.IDENT).value();
            String second = null;
            if (isPunct(peek(), ",")) {
                next++;
                second = expect(Kind.IDENT).value();
            }
            if (!isIdent(peek(), "in")) {
                throw error(peek(), "expected 'in' in a for expression");
            }
            next++;
            Expr collection = expression();
            expectPunct(":");
            Expr key = null;
            Expr value = expression();
            if (object) {
                expectPunct("=>");
                key = value;
                value = expression();
                if (isPunct(peek(), "...")) {
                    throw error(peek(), "grouping (...) is not supported by this reader");
                }
            }
            Expr condition = null;
            if (isIdent(peek(), "if")) {
                next++;
                condition = expression();
            }
            expectPunct(close);
            String keyVar = second == null ? null : first;
            String valueVar = second == null ? first : second;
            return new For(keyVar, valueVar, collection, key, value, condition, object, text(open.start()));
        }

        /** Splits a string token into literal text and interpolated expressions. */
        private Expr template(Token t) {
            String raw = t.value();
            List<Object> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < raw.length()) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    char e = raw.charAt(i + 1);
                    switch (e) {
                        case 'n' -> literal.append('\n');
                        case 't' -> literal.append('\t');
                        case 'r' -> literal.append('\r');
                        case '"' -> literal.append('"');
                        case '\\' -> literal.append('\\');
                        case 'u' -> {
                            literal.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        default -> throw error(t, "unknown escape \\" + e);
                    }
                    i += 2;
                } else if (raw.startsWith("$${", i)) {
                    literal.append("${");
                    i += 3;
                } else if (raw.startsWith("${", i)) {
                    int end = matchingBrace(raw, i + 2, t);
                    if (!literal.isEmpty()) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    String inner = raw.substring(i + 2, end).strip();
                    if (inner.startsWith("~") || inner.endsWith("~")) {
                        throw error(t, "strip markers (~) are not supported by this reader");
                    }
                    parts.add(parseExpression(inner, file + ":" + t.line()));
                    i = end + 1;
                } else {
                    literal.append(c);
                    i++;
                }
            }
            if (!literal.isEmpty() || parts.isEmpty()) {
                parts.add(literal.toString());
            }
            return new Template(parts, "\"" + raw + "\"");
        }

        private int matchingBrace(String raw, int i, Token t) {
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
            throw error(t, "unterminated interpolation");
        }

        // ---- token helpers ----

        private Token peekRaw() {
            return tokens.get(next);
        }

        /** The next token, skipping newlines where they do not end anything. */
        private Token peek() {
            return tokens.get(skipInsignificantNewlines());
        }

        private int skipInsignificantNewlines() {
            if (!significantNewlines.isEmpty() && !significantNewlines.peek()) {
                skipNewlines();
            }
            return next;
        }

        private void skipNewlinesIfInsignificant() {
            skipInsignificantNewlines();
        }

        private void skipNewlines() {
            while (tokens.get(next).kind() == Kind.NEWLINE) {
                next++;
            }
        }

        Token expect(Kind kind) {
            Token t = peek();
            if (t.kind() != kind) {
                throw error(t, "expected " + kind + ", found " + describe(t));
            }
            next++;
            return t;
        }

        private void expectPunct(String punct) {
            Token t = peek();
            if (!isPunct(t, punct)) {
                throw error(t, "expected '" + punct + "', found " + describe(t));
            }
            next++;
        }

        private static boolean isPunct(Token t, String value) {
            return t.kind() == Kind.PUNCT && t.value().equals(value);
        }

        private static boolean isIdent(Token t, String value) {
            return t.kind() == Kind.IDENT && t.value().equals(value);
        }

        private static String describe(Token t) {
            return t.kind() == Kind.NEWLINE ? "end of line" : t.kind() == Kind.EOF ? "end of file" : "'" + t.value() + "'";
        }

        private String text(int start) {
            int end = tokens.get(next - 1).end();
            return src.substring(start, Math.max(start, end)).strip();
        }

        private int startOf(Expr expr) {
            // the expression's text ends at the previous token; its start is where that text begins
            int end = tokens.get(next - 1).end();
            return Math.max(0, end - expr.text().length());
        }

        private SyntaxException error(Token t, String message) {
            return new SyntaxException(file, t.line(), message);
        }
    }
}
