package dev.greenlight.deploy.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.deploy.hcl.Hcl.Attr;
import dev.greenlight.deploy.hcl.Hcl.Block;
import dev.greenlight.deploy.hcl.Hcl.Body;
import dev.greenlight.deploy.hcl.Hcl.Call;
import dev.greenlight.deploy.hcl.Hcl.Expr;
import dev.greenlight.deploy.hcl.Hcl.For;
import dev.greenlight.deploy.hcl.Hcl.Index;
import dev.greenlight.deploy.hcl.Hcl.Literal;
import dev.greenlight.deploy.hcl.Hcl.ObjectExpr;
import dev.greenlight.deploy.hcl.Hcl.Operation;
import dev.greenlight.deploy.hcl.Hcl.Splat;
import dev.greenlight.deploy.hcl.Hcl.Step;
import dev.greenlight.deploy.hcl.Hcl.SyntaxException;
import dev.greenlight.deploy.hcl.Hcl.Traversal;
import dev.greenlight.deploy.hcl.Hcl.TupleExpr;
import dev.greenlight.deploy.hcl.HclLexer.Kind;
import dev.greenlight.deploy.hcl.HclLexer.Token;

/** Builds bodies and expression trees from {@link HclLexer} tokens. */
final class HclParser {
    private final List<Token> tokens;
    private final String src;
    private final String file;
    private int next;
    /** Whether a newline ends the current construct: yes in bodies and objects, no inside () and []. */
    final java.util.ArrayDeque<Boolean> significantNewlines = new java.util.ArrayDeque<>();

    HclParser(List<Token> tokens, String src, String file) {
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
                return TemplateParser.quoted(t.value(), file, t.line());
            case HEREDOC, INDENTED_HEREDOC:
                return TemplateParser.heredoc(t.value(), t.kind() == Kind.INDENTED_HEREDOC,
                        src.substring(t.start(), t.end()), file, t.line());
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
            String name = key.kind() == Kind.IDENT ? key.value()
                    : key.kind() == Kind.STRING ? TemplateParser.quoted(key.value(), file, key.line()).literal() : null;
            if (name == null) {
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
