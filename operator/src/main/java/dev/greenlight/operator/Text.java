package dev.greenlight.operator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the CLI writes times, durations, digests and numbers: UTC, compact, the same in every view. */
final class Text {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    static final int BAR_WIDTH = 20;

    private Text() {
    }

    /** {@code 06:01:30Z} */
    static String clock(Instant at) {
        return at == null ? "?" : CLOCK.format(at);
    }

    /** {@code 2026-11-26 06:01:30Z} */
    static String dateTime(Instant at) {
        return at == null ? "?" : DATE_TIME.format(at);
    }

    /** JSON text as stored in history events and decisions, or null if absent or unreadable. */
    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** An ISO-8601 instant as stored in the Releases table, or null if absent or unreadable. */
    static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 45 s}, {@code 2 m 05 s}, {@code 1 h 02 m} */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d m %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d m", seconds / 3600, seconds % 3600 / 60);
    }

    /** The first 12 hex digits of a {@code sha256:} digest, as container tools show it. */
    static String shortDigest(String digest) {
        if (digest == null) {
            return "?";
        }
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** A share of traffic as a bar of {@link #BAR_WIDTH} characters, {@code #} per 5%. */
    static String bar(int percent) {
        int filled = Math.round(Math.max(0, Math.min(100, percent)) * BAR_WIDTH / 100f);
        return "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    }

    /** A gate figure: whole numbers as integers, others to 4 significant digits. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Cuts a long line to {@code max} characters with an ellipsis. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
