package dev.greenlight.deploy.hcl;

import java.util.ArrayList;
import java.util.List;

import dev.greenlight.deploy.hcl.Hcl.SyntaxException;

/** Splits HCL source into tokens; a quoted string, interpolations included, is one token. */
final class HclLexer {

    /** Token kinds of the HCL native syntax, as far as this reader needs them. */
    enum Kind { IDENT, NUMBER, STRING, PUNCT, NEWLINE, EOF }

    record Token(Kind kind, String value, int start, int end, int line) {
    }

    private static final List<String> PUNCTUATION = List.of("...", "=>", "==", "!=", "<=", ">=", "&&", "||",
            "{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "=", "<", ">", "!", "+", "-", "*", "/", "%");

    private final String src;
    private final String file;
    private int pos;
    private int line = 1;

    HclLexer(String src, String file) {
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
