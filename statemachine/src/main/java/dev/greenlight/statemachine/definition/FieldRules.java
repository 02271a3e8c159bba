package dev.greenlight.statemachine.definition;

import java.util.Map;
import java.util.Set;

/** Which fields each state type may have, per the Amazon States Language (JSONPath). */
final class FieldRules {

    static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    static final Set<String> SCOPE = Set.of("Comment", "StartAt", "States", "ProcessorConfig");
    static final Set<String> RETRIER = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");
    static final Set<String> CATCHER = Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");

    private static final Set<String> COMMON = Set.of("Type", "Comment");
    private static final Set<String> FLOW = Set.of("Next", "End");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath");

    private static final Map<String, Set<String>> BY_TYPE = Map.of(
            "Task", Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Assign", "Retry", "Catch",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"),
            "Pass", Set.of("Parameters", "Result", "ResultPath", "Assign"),
            "Wait", Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign"),
            "Choice", Set.of("Choices", "Default", "Assign"),
            "Succeed", Set.of(),
            "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Assign", "Retry", "Catch"),
            "Map", Set.of("ItemsPath", "Iterator", "ItemProcessor", "Parameters", "ItemSelector", "MaxConcurrency",
                    "ResultSelector", "ResultPath", "Assign", "Retry", "Catch"));

    private FieldRules() {
    }

    static boolean isKnownType(String type) {
        return BY_TYPE.containsKey(type);
    }

    /** Types that hand over to another state (or end): all but Choice, Succeed and Fail. */
    static boolean needsNextOrEnd(String type) {
        return !Set.of("Choice", "Succeed", "Fail").contains(type);
    }

    static boolean allowed(String type, String field) {
        if (COMMON.contains(field) || BY_TYPE.get(type).contains(field)) {
            return true;
        }
        if (IO.contains(field)) {
            return !type.equals("Fail");
        }
        return FLOW.contains(field) && needsNextOrEnd(type);
    }
}
