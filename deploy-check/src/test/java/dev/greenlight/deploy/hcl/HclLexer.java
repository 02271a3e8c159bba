package dev.greenlight.deploy.hcl;

import java.util.ArrayList;
import java.util.List;

import dev.greenlight.deploy.hcl.Hcl.SyntaxException;

/**
 * Splits HCL source into tokens; a quoted string or a heredoc, interpolations and directives included, is one
 * token, whose value is the template between its delimiters.
 */
final class HclLexer {

    /** Token kinds of the HCL native syntax, as far as this reader needs them. */
    enum Kind { IDENT, NUMBER, STRING, HEREDOC, INDENTED_HEREDOC, PUNCT, NEWLINE, EOF }

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
                tokens.add(heredoc());
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

    /**
     * {@code <<EOT} or {@code <<-EOT}, a newline, then every line up to one holding only the marker (indented or
     * not). The token ends after the marker, so that the newline after it ends the attribute.
     */
    private Token heredoc() {
        int start = pos;
        int startLine = line;
        boolean indented = src.startsWith("<<-", pos);
        pos += indented ? 3 : 2;
        if (pos < src.length() && src.charAt(pos) == '~') {
            throw new SyntaxException(file, line, "<<~ is not HCL: the heredoc that strips indentation is <<-");
        }
        int markerStart = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        String marker = src.substring(markerStart, pos);
        if (marker.isEmpty() || !src.startsWith("\n", src.startsWith("\r", pos) ? pos + 1 : pos)) {
            throw new SyntaxException(file, line, "a heredoc opens with <<NAME or <<-NAME at the end of a line");
        }
        int contentStart = src.indexOf('\n', pos) + 1;
        for (int lineStart = contentStart; lineStart < src.length(); lineStart = endOfLine(lineStart) + 1) {
            line++;
            if (src.substring(lineStart, endOfLine(lineStart)).strip().equals(marker)) {
                pos = src.indexOf(marker, lineStart) + marker.length();
                Kind kind = indented ? Kind.INDENTED_HEREDOC : Kind.HEREDOC;
                return new Token(kind, src.substring(contentStart, lineStart), start, pos, startLine);
            }
        }
        throw new SyntaxException(file, startLine, "heredoc " + marker + " is not closed");
    }

    private int endOfLine(int from) {
        int end = src.indexOf('\n', from);
        return end < 0 ? src.length() : end;
    }

    /** The index just past the string opening at {@code open}, skipping over interpolations and directives. */
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
            } else if (src.startsWith("${", i) || src.startsWith("%{", i)) {
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
