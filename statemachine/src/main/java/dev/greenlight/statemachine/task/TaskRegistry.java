package dev.greenlight.statemachine.task;

import java.util.Optional;

/**
 * Where a Task state's Resource is resolved. The engine asks the registry for every task; the local
 * cloud plugs in one that calls its Lambda functions, tests plug in stubs.
 */
@FunctionalInterface
public interface TaskRegistry {

    /** The handler for a resource ARN, or empty when this registry does not know the resource. */
    Optional<TaskHandler> handlerFor(String resource);
}
