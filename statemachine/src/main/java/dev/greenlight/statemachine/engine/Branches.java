package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state concurrently, at most
 * {@code concurrency} at a time. The first failure stops the others and becomes the state's error.
 */
final class Branches {

    private Branches() {
    }

    static List<JsonNode> runAll(List<Callable<JsonNode>> work, int concurrency, Run run) throws AslError {
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (Callable<JsonNode> item : work) {
            futures.add(run.branches.submit(() -> {
                slots.acquire();
                try {
                    return item.call();
                } finally {
                    slots.release();
                }
            }));
        }
        List<JsonNode> outputs = new ArrayList<>();
        try {
            for (Future<JsonNode> future : futures) {
                outputs.add(future.get());
            }
            return outputs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionEnded(ExecutionStatus.ABORTED, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AslError error) {
                throw error;
            }
            if (cause instanceof ExecutionEnded ended) {
                throw ended;
            }
            throw new AslError(AslError.RUNTIME, String.valueOf(cause));
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }
}
