package dev.greenlight.blog.post;

/**
 * What text a post may hold, in one place: every character must be one a reader's browser and feed reader can
 * take (XML 1.0 allows no other control characters than tab, line feed and carriage return, nor unpaired
 * surrogates or U+FFFE and U+FFFF), and a field must show something: spaces, no-break spaces, zero-width and
 * other format characters alone are not a title.
 */
final class PlainText {

    private PlainText() {
    }

    /** Whether XML 1.0 allows this code point in a document. */
    static boolean isXmlChar(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    /**
     * The first character of {@code text} a post may not hold, or -1: a character XML does not allow (an unpaired
     * surrogate is one), or a control character (line breaks and tabs only where {@code lineBreaks}).
     */
    static int firstForbidden(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean breakOrTab = c == '\n' || c == '\r' || c == '\t';
            boolean control = Character.getType(c) == Character.CONTROL && !(lineBreaks && breakOrTab);
            if (!isXmlChar(c) || control) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** Whether {@code text} has a character a reader sees: not white space, a separator, or a format character. */
    static boolean hasVisible(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.CONTROL);
    }

    /** {@code text} without the characters XML does not allow, for output of text stored before these rules. */
    static String xmlSafe(String text) {
        if (text.codePoints().allMatch(PlainText::isXmlChar)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(PlainText::isXmlChar).forEach(safe::appendCodePoint);
        return safe.toString();
    }
}
