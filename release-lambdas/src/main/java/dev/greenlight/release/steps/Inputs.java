package dev.greenlight.release.steps;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

/** The checks every step makes of its input before it touches anything: a bad input fails by name. */
final class Inputs {

    private Inputs() {
    }

    /** The release Prepare returned, complete and proceeding. */
    static ReleaseContext release(StepRequest request) {
        if (request == null || request.release() == null) {
            throw new InvalidInputException("the step input has no release; it must come from Prepare");
        }
        ReleaseContext release = request.release();
        if (release.releaseId() == null || release.green() == null || release.plan() == null
                || release.outcome() != PrepareOutcome.PROCEED) {
            throw new InvalidInputException("the release in the step input is incomplete or did not proceed: "
                    + release.releaseId());
        }
        return release;
    }

    /** The traffic step in progress. */
    static StepRequest.Step step(StepRequest request) {
        StepRequest.Step step = request.step();
        if (step == null || step.percent() < 1 || step.percent() > 100) {
            throw new InvalidInputException("the step input has no traffic step with a percent from 1 to 100");
        }
        return step;
    }

    /** The state's entered time. */
    static Instant now(StepRequest request) {
        return time(request.now(), "now");
    }

    static Instant time(String value, String name) {
        if (value == null) {
            throw new InvalidInputException("the step input has no " + name);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " is not an ISO-8601 instant: " + value);
        }
    }
}
