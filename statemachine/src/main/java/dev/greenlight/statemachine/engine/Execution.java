package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A running or finished execution: its status, output or error, and its history. */
public final class Execution {

    /**
     * Who an execution is.
     *
     * @param executionArn     $$.Execution.Id
     * @param name             $$.Execution.Name
     * @param stateMachineArn  $$.StateMachine.Id
     * @param stateMachineName $$.StateMachine.Name
     * @param roleArn          $$.Execution.RoleArn
     */
    public record Identity(String executionArn, String name, String stateMachineArn, String stateMachineName,
                           String roleArn) {
    }

    private final Identity identity;
    private final Run run;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile Instant stopDate;
    private Thread thread;
    private volatile String stopError;
    private volatile String stopCause;

    Execution(Identity identity, Run run) {
        this.identity = identity;
        this.run = run;
    }

    public String executionArn() {
        return identity.executionArn();
    }

    public Identity identity() {
        return identity;
    }

    public ExecutionStatus status() {
        return status;
    }

    public JsonNode input() {
        return run.input;
    }

    public Instant startDate() {
        return run.startTime;
    }

    public Instant stopDate() {
        return stopDate;
    }

    /** The output of a SUCCEEDED execution, else null. */
    public JsonNode output() {
        return output;
    }

    /** The error name of a FAILED, TIMED_OUT or ABORTED execution, else null. */
    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public List<HistoryEvent> history() {
        return run.history.events();
    }

    /** Waits until the execution has finished, and returns it. */
    public Execution await() throws InterruptedException {
        done.await();
        return this;
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** StopExecution: aborts a running execution with an optional error and cause. */
    public void stop(String error, String cause) {
        if (status != ExecutionStatus.RUNNING) {
            return;
        }
        this.stopError = error;
        this.stopCause = cause;
        run.stop();
        synchronized (this) {
            // under the lock runToEnd releases its thread with, so a pooled thread that has moved on is never hit
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** Runs the execution to its end on the calling thread; the engine calls this on a worker. */
    void runToEnd(Scope scope) {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        Flow flow = new Flow(0);
        run.history.add(flow, "ExecutionStarted", ExecutionEvents.started(run.input, identity.roleArn()));
        try {
            JsonNode result = scope.run(run.input, run, flow, Variables.top());
            finish(ExecutionStatus.SUCCEEDED, result, null, null);
            run.history.add(flow, "ExecutionSucceeded", ExecutionEvents.succeeded(result));
        } catch (AslError failure) {
            finish(ExecutionStatus.FAILED, null, failure.error(), failure.cause());
            run.history.add(flow, "ExecutionFailed", StateEvents.error(failure.error(), failure.cause()));
        } catch (ExecutionEnded ended) {
            endEarly(ended.status(), flow);
        } catch (RuntimeException bug) {
            // an engine or task-registry defect: end the execution visibly instead of leaving it RUNNING
            finish(ExecutionStatus.FAILED, null, AslError.RUNTIME, String.valueOf(bug));
            run.history.add(flow, "ExecutionFailed", StateEvents.error(error, cause));
        } finally {
            synchronized (this) {
                thread = null;
                Thread.interrupted();
            }
            done.countDown();
        }
    }

    private void endEarly(ExecutionStatus ended, Flow flow) {
        if (ended == ExecutionStatus.TIMED_OUT) {
            finish(ExecutionStatus.TIMED_OUT, null, AslError.TIMEOUT, "The execution ran longer than its TimeoutSeconds");
            run.history.add(flow, "ExecutionTimedOut", StateEvents.error(error, cause));
        } else {
            finish(ExecutionStatus.ABORTED, null, stopError, stopCause);
            run.history.add(flow, "ExecutionAborted", StateEvents.error(stopError, stopCause));
        }
    }

    private void finish(ExecutionStatus status, JsonNode output, String error, String cause) {
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = run.timer.now();
        this.status = status;
    }
}
