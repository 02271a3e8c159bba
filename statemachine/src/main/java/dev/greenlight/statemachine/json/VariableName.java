package dev.greenlight.statemachine.json;

/**
 * The spelling of a workflow variable's name: a Unicode identifier (UAX #31), so an ID_Start character
 * (a letter, not a digit or an underscore) followed by ID_Continue characters.
 */
public final class VariableName {

    private VariableName() {
    }

    public static boolean isValid(String name) {
        return !name.isEmpty() && isStart(name.codePointAt(0))
                && name.codePoints().skip(1).allMatch(VariableName::isPart);
    }

    static boolean isStart(int codePoint) {
        return Character.isUnicodeIdentifierStart(codePoint);
    }

    static boolean isPart(int codePoint) {
        return Character.isUnicodeIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint);
    }
}
