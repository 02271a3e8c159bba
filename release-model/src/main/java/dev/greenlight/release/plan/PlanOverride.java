package dev.greenlight.release.plan;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The part of a plan a single release may change, given in its input; null fields keep the configured plan.
 * Field meanings are those of {@link ReleasePlan}.
 */
public record PlanOverride(
        List<Integer> steps,
        List<Integer> bakeSeconds,
        Integer healthTimeoutSeconds,
        Integer healthPollSeconds,
        Integer controlPollSeconds,
        Integer terminationWaitSeconds,
        GateOverride gate,
        ReleasePlan.InconclusivePolicy inconclusivePolicy,
        Integer maxInconclusiveExtensions,
        Integer maxExtensionSeconds,
        Integer pauseTimeoutSeconds,
        ReleasePlan.PauseTimeoutAction pauseTimeoutAction) {

    /**
     * Why a plan override could not be read, in the plan's own terms: which field, and what it must be. No Java
     * type or class name reaches the message, which a release records and an operator reads.
     */
    public static String problem(JacksonException e) {
        String field = path(e.getPath());
        String subject = field.isEmpty() ? "the plan" : "plan field " + field;
        if (e instanceof PropertyBindingException unknown) {
            return subject + " is not a field of a plan; it has " + fieldsOf(field.contains(".") ? GateOverride.class
                    : PlanOverride.class);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject + " must be " + expected(mismatch.getTargetType(), component(field));
        }
        return subject + " is not valid";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The override's field a path ends in, if it names one (its element, for {@code steps[2]}). */
    private static RecordComponent component(String path) {
        String name = path.replaceAll("\\[\\d+]$", "");
        name = name.substring(name.lastIndexOf('.') + 1);
        for (Class<?> type : List.of(PlanOverride.class, GateOverride.class)) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component;
                }
            }
        }
        return null;
    }

    private static String expected(Class<?> type, RecordComponent field) {
        if (Collection.class.isAssignableFrom(type)) {
            Type declared = field == null ? null : field.getGenericType();
            return declared instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> element
                    ? "a list of " + plural(element) : "a list";
        }
        return single(type);
    }

    private static String single(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "an object of plan fields";
    }

    private static String plural(Class<?> element) {
        return switch (single(element)) {
            case "a whole number" -> "whole numbers";
            case "a number" -> "numbers";
            case "a string" -> "strings";
            default -> "values";
        };
    }

    private static String fieldsOf(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "));
    }

    /** Gate thresholds a release may change; null fields keep the configured ones. */
    public record GateOverride(
            Double objective,
            Double budgetMargin,
            Double errorIncreaseToDetect,
            List<Double> latencyQuantiles,
            List<Double> latencyTolerances,
            Double latencyRatioToDetect,
            Double confidence,
            Double power,
            Integer warmupSeconds,
            Integer warmupRequests,
            Double warmupTolerance,
            Integer baselineSeconds,
            Double maxConnectionErrorRate,
            Double maxBalancerErrorRate,
            List<String> alarmNames,
            Boolean preflight) {
    }
}
