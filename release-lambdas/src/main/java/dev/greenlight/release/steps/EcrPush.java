package dev.greenlight.release.steps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A successful image push, read from the "ECR Image Action" event EventBridge delivers.
 *
 * @param repository the repository name
 * @param tag        the pushed tag
 * @param digest     the image digest, {@code sha256:} and 64 hex digits
 * @param time       when ECR emitted the event
 */
public record EcrPush(String repository, String tag, String digest, Instant time) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The release id of this push: its time then its tag, so ids sort by push time. */
    public String releaseId() {
        return COMPACT.format(time) + "-" + tag;
    }

    /**
     * Reads the event, reporting every problem at once.
     *
     * @throws InvalidEventException if it is not a successful push of a tagged image to {@code repository}
     */
    public static EcrPush from(Map<String, Object> event, String expectedRepository) {
        List<String> problems = new ArrayList<>();
        if (event == null) {
            throw new InvalidEventException(List.of("the execution input is empty"));
        }
        expect(problems, event.get("source"), "aws.ecr", "source");
        expect(problems, event.get("detail-type"), "ECR Image Action", "detail-type");
        Instant time = null;
        if (event.get("time") instanceof String text) {
            try {
                time = Instant.parse(text);
            } catch (DateTimeParseException e) {
                problems.add("time is not an ISO-8601 instant: " + text);
            }
        } else {
            problems.add("time is missing");
        }
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            problems.add("detail is missing");
            throw new InvalidEventException(problems);
        }
        expect(problems, detail.get("action-type"), "PUSH", "detail.action-type");
        expect(problems, detail.get("result"), "SUCCESS", "detail.result");
        expect(problems, detail.get("repository-name"), expectedRepository, "detail.repository-name");
        Object digest = detail.get("image-digest");
        if (!(digest instanceof String d) || !DIGEST.matcher(d).matches()) {
            problems.add("detail.image-digest must be sha256: and 64 lowercase hex digits, but was " + digest);
        }
        Object tag = detail.get("image-tag");
        if (!(tag instanceof String t) || !TAG.matcher(t).matches()) {
            problems.add("detail.image-tag must be an image tag (a push without a tag is not released), but was "
                    + tag);
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return new EcrPush(expectedRepository, (String) tag, (String) digest, time);
    }

    private static void expect(List<String> problems, Object actual, String expected, String field) {
        if (!expected.equals(actual)) {
            problems.add(field + " must be \"" + expected + "\" but was " + (actual == null ? "missing" : "\"" + actual + "\""));
        }
    }

    /** The event is not a release-worthy push; nothing was changed. */
    public static class InvalidEventException extends RuntimeException {

        public InvalidEventException(List<String> problems) {
            super("Not a successful image push to release: " + String.join("; ", problems));
        }
    }
}
