package dev.greenlight.localcloud.events;

import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.statemachine.events.EventPattern;
import dev.greenlight.statemachine.release.ReleaseFiles;

import java.util.Map;

/**
 * The rule that starts a release: a successful, tagged push to the blog's repository (the pattern of
 * {@code ecr-push.pattern.json}, from the class path) starts the release state machine with the push event as input.
 */
public final class ReleaseTrigger {

    /** The rule's name, as Terraform names it on AWS ({@code <name>-image-pushed}). */
    public static final String RULE = "greenlight-image-pushed";

    private ReleaseTrigger() {
    }

    /**
     * @param repositoryName  the blog's ECR repository, the pattern's {@code ${RepositoryName}}
     * @param stateMachineArn the release state machine
     */
    public static void install(LocalEventBridge bus, String repositoryName, LocalStepFunctions stepFunctions,
                               String stateMachineArn) {
        EventPattern pattern = EventPattern.compile(ReleaseFiles.ecrPushPattern(), Map.of("RepositoryName", repositoryName));
        bus.putRule(RULE, pattern, new StepFunctionsTarget(stepFunctions, stateMachineArn));
    }
}
