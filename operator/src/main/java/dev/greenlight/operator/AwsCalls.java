package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the AWS calls a client makes, by operation, so the console can show what it costs. */
final class AwsCalls implements ExecutionInterceptor {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Deque<Instant> recent = new ArrayDeque<>();
    private final Map<String, Long> total = new TreeMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (this) {
            Instant now = Instant.now();
            recent.addLast(now);
            prune(now);
            total.merge(operation, 1L, Long::sum);
        }
    }

    /** Calls made in the last minute. */
    synchronized int lastMinute() {
        prune(Instant.now());
        return recent.size();
    }

    /** Calls made since the console started, by service and operation, e.g. {@code Sfn:GetExecutionHistory}. */
    synchronized Map<String, Long> total() {
        return new TreeMap<>(total);
    }

    private void prune(Instant now) {
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(MINUTE))) {
            recent.removeFirst();
        }
    }
}
