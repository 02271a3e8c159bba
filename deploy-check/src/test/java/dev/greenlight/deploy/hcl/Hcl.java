package dev.greenlight.deploy.hcl;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A reader for the HCL native syntax as the Terraform here uses it: bodies of attributes and blocks, and
 * expressions as a syntax tree (literals, string templates, tuples, objects, references, function calls,
 * for expressions, operators), and templates: quoted strings and heredocs ({@code <<EOT}, {@code <<-EOT}) with
 * {@code ${ }} interpolations, {@code %{ if }} and {@code %{ for }} directives and {@code ~} strip markers.
 * Syntax outside that (argument expansion, grouping in for expressions) fails to parse with a message saying so,
 * rather than being half understood.
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

    /**
     * A quoted string or heredoc; parts are {@link String}s, interpolated {@link Expr}s, {@link TemplateIf}s and
     * {@link TemplateFor}s, with strip markers and a {@code <<-} heredoc's shared indentation already applied.
     */
    public record Template(List<Object> parts, String text) implements Expr {

        /** The string, if it has no interpolation. */
        public String literal() {
            if (parts.stream().allMatch(String.class::isInstance)) {
                return String.join("", parts.stream().map(String.class::cast).toList());
            }
            return null;
        }
    }

    /** {@code %{ if condition }then%{ else }otherwise%{ endif }}; without an else, otherwise is empty. */
    public record TemplateIf(Expr condition, List<Object> then, List<Object> otherwise) {
    }

    /** {@code %{ for key, value in collection }body%{ endfor }}; keyVar is null when only a value is named. */
    public record TemplateFor(String keyVar, String valueVar, Expr collection, List<Object> body) {
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
        HclParser parser = new HclParser(new HclLexer(source, file).tokens(), source, file);
        Body body = parser.body(false);
        parser.expect(HclLexer.Kind.EOF);
        return body;
    }

    public static Expr parseExpression(String source, String file) {
        HclParser parser = new HclParser(new HclLexer(source, file).tokens(), source, file);
        parser.significantNewlines.push(false);
        Expr expr = parser.expression();
        parser.expect(HclLexer.Kind.EOF);
        return expr;
    }

    /** Thrown for syntax this reader does not understand, with the file and line. */
    public static final class SyntaxException extends RuntimeException {
        SyntaxException(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }
}
