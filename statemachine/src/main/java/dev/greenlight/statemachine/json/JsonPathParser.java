package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for {@link JsonPath}, including filter expressions. */
final class JsonPathParser {

    private static final String FILTER_NAME_STOPS = " \t)=!<>&|,]";

    private final String text;
    private int pos;

    JsonPathParser(String text) {
        this.text = text;
    }

    JsonPath parsePath() {
        if (text == null || text.isEmpty()) {
            throw error("a path must not be empty");
        }
        JsonPath path = parsePathAt(false);
        if (pos != text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return path;
    }

    private JsonPath parsePathAt(boolean inFilter) {
        int start = pos;
        JsonPath.Root root;
        String variable = null;
        if (text.startsWith("$$", pos)) {
            root = JsonPath.Root.CONTEXT;
            pos += 2;
        } else if (peek() == '$' && pos + 1 < text.length() && VariableName.isStart(text.codePointAt(pos + 1))) {
            root = JsonPath.Root.VARIABLE;
            pos++;
            variable = variableName();
        } else if (peek() == '$') {
            root = JsonPath.Root.DATA;
            pos++;
        } else if (peek() == '@' && inFilter) {
            root = JsonPath.Root.CURRENT;
            pos++;
        } else {
            throw error("a path must start with '$'");
        }
        List<PathSegment> segments = new ArrayList<>();
        while (pos < text.length() && (peek() == '.' || peek() == '[')) {
            segments.add(parseSegment(inFilter));
        }
        return new JsonPath(text.substring(start, pos), root, variable, segments);
    }

    private String variableName() {
        int start = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length() && VariableName.isPart(text.codePointAt(pos))) {
            pos += Character.charCount(text.codePointAt(pos));
        }
        return text.substring(start, pos);
    }

    private PathSegment parseSegment(boolean inFilter) {
        if (text.startsWith("..", pos)) {
            pos += 2;
            if (peek() == '[') {
                return new PathSegment.DeepScan(parseBracket());
            }
            return new PathSegment.DeepScan(parseDotted(inFilter));
        }
        if (peek() == '.') {
            pos++;
            return parseDotted(inFilter);
        }
        return parseBracket();
    }

    private PathSegment parseDotted(boolean inFilter) {
        if (peek() == '*') {
            pos++;
            return new PathSegment.Wildcard();
        }
        int start = pos;
        while (pos < text.length() && peek() != '.' && peek() != '['
                && !(inFilter && FILTER_NAME_STOPS.indexOf(peek()) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw error("a name is missing after '.'");
        }
        return new PathSegment.Name(text.substring(start, pos));
    }

    private PathSegment parseBracket() {
        expect('[');
        PathSegment segment;
        skipSpaces();
        if (peek() == '*') {
            pos++;
            segment = new PathSegment.Wildcard();
        } else if (peek() == '?') {
            pos++;
            expect('(');
            FilterExpression expression = parseOr();
            skipSpaces();
            expect(')');
            segment = new PathSegment.Filter(expression);
        } else if (peek() == '\'' || peek() == '"') {
            segment = parseQuotedNames();
        } else {
            segment = parseIndexesOrSlice();
        }
        skipSpaces();
        expect(']');
        return segment;
    }

    private PathSegment parseQuotedNames() {
        List<String> names = new ArrayList<>();
        do {
            skipSpaces();
            names.add(parseQuoted());
            skipSpaces();
        } while (consume(','));
        return names.size() == 1 ? new PathSegment.Name(names.get(0)) : new PathSegment.Names(names);
    }

    private PathSegment parseIndexesOrSlice() {
        Integer first = optionalInt();
        skipSpaces();
        if (peek() == ':') {
            pos++;
            Integer end = optionalInt();
            int step = 1;
            if (consume(':')) {
                Integer parsedStep = optionalInt();
                step = parsedStep == null ? 1 : parsedStep;
            }
            return new PathSegment.Slice(first, end, step);
        }
        if (first == null) {
            throw error("expected an index, a name in quotes, '*' or a filter");
        }
        List<Integer> indexes = new ArrayList<>(List.of(first));
        while (consume(',')) {
            skipSpaces();
            Integer next = optionalInt();
            if (next == null) {
                throw error("expected an index after ','");
            }
            indexes.add(next);
        }
        return new PathSegment.Indexes(indexes);
    }

    private FilterExpression parseOr() {
        FilterExpression left = parseAnd();
        while (consumeToken("||")) {
            left = new FilterExpression.Or(left, parseAnd());
        }
        return left;
    }

    private FilterExpression parseAnd() {
        FilterExpression left = parseUnary();
        while (consumeToken("&&")) {
            left = new FilterExpression.And(left, parseUnary());
        }
        return left;
    }

    private FilterExpression parseUnary() {
        skipSpaces();
        if (peek() == '!' && !text.startsWith("!=", pos)) {
            pos++;
            return new FilterExpression.Not(parseUnary());
        }
        if (peek() == '(') {
            pos++;
            FilterExpression inner = parseOr();
            skipSpaces();
            expect(')');
            return inner;
        }
        return parseComparison();
    }

    private FilterExpression parseComparison() {
        FilterExpression.Operand left = parseOperand();
        skipSpaces();
        for (String operator : List.of("==", "!=", "<=", ">=", "=~", "<", ">")) {
            if (consumeToken(operator)) {
                return new FilterExpression.Comparison(left, operator, parseOperand());
            }
        }
        if (left instanceof FilterExpression.Operand.PathOperand path) {
            return new FilterExpression.Exists(path.path());
        }
        throw error("a filter needs a path or a comparison");
    }

    private FilterExpression.Operand parseOperand() {
        skipSpaces();
        char c = peek();
        if (c == '@' || c == '$') {
            return new FilterExpression.Operand.PathOperand(parsePathAt(true));
        }
        if (c == '\'' || c == '"') {
            return new FilterExpression.Operand.Literal(Json.text(parseQuoted()));
        }
        int start = pos;
        while (pos < text.length() && FILTER_NAME_STOPS.indexOf(peek()) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        try {
            JsonNode literal = Json.parse(word);
            if (literal.isValueNode()) {
                return new FilterExpression.Operand.Literal(literal);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw error("'" + word + "' is not a path, a number, a string, true, false or null");
    }

    private String parseQuoted() {
        char quote = peek();
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && peek() != quote) {
            if (peek() == '\\' && pos + 1 < text.length()) {
                pos++;
            }
            value.append(text.charAt(pos++));
        }
        expect(quote);
        return value.toString();
    }

    private Integer optionalInt() {
        skipSpaces();
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(peek())) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.equals("-")) {
            pos = start;
            return null;
        }
        return Integer.parseInt(digits);
    }

    private boolean consumeToken(String token) {
        skipSpaces();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
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
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private JsonPathException error(String what) {
        return new JsonPathException("invalid JSONPath '" + text + "' at position " + pos + ": " + what);
    }
}
