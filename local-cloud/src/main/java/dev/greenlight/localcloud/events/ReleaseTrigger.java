package dev.greenlight.localcloud.events;

import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.statemachine.events.EventPattern;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rule that starts a release: a successful, tagged push to the blog's repository (the pattern of
 * {@code statemachine/ecr-push.pattern.json}) starts the release state machine with the push event as input.
 */
public final class ReleaseTrigger {

    /** The rule's name, as Terraform names it on AWS ({@code <name>-image-pushed}). */
    public static final String RULE = "greenlight-image-pushed";

    private ReleaseTrigger() {
    }

    /**
     * @param patternFile     {@code statemachine/ecr-push.pattern.json}, whose {@code ${RepositoryName}} is filled
     * @param repositoryName  the blog's ECR repository
     * @param stateMachineArn the release state machine
     */
    public static void install(LocalEventBridge bus, Path patternFile, String repositoryName,
                               LocalStepFunctions stepFunctions, String stateMachineArn) throws IOException {
        EventPattern pattern = EventPattern.compile(Files.readString(patternFile), Map.of("RepositoryName", repositoryName));
        bus.putRule(RULE, pattern, new StepFunctionsTarget(stepFunctions, stateMachineArn));
    }
}
