package dev.greenlight.localcloud.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.events.LocalEventBridge;
import dev.greenlight.localcloud.events.ReleaseTrigger;
import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.localcloud.sfn.SfnApiServer;
import dev.greenlight.statemachine.LocalAws;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The release workflow as the local system runs it: the local Step Functions running {@code release.asl.json}
 * with the release functions as its Lambdas, behind its AWS API, and EventBridge, whose ECR push rule starts it.
 */
final class ReleaseMachine {

    private static final String NAME = "greenlight-release";
    /** The functions' timeout, as Terraform sets it on the Lambdas. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(5);

    private final LocalStepFunctions stepFunctions;
    private final String arn;
    private final SfnApiServer api;
    private final LocalEventBridge bus;

    private ReleaseMachine(LocalStepFunctions stepFunctions, String arn, SfnApiServer api, LocalEventBridge bus) {
        this.stepFunctions = stepFunctions;
        this.arn = arn;
        this.api = api;
        this.bus = bus;
    }

    /** Creates the state machine on the functions served at {@code functions}, its API on a free port and the rule. */
    static ReleaseMachine start(URI functions, Shutdown shutdown) throws Exception {
        LocalStepFunctions stepFunctions = shutdown.add(new LocalStepFunctions(
                new LambdaTaskRegistry(new HttpLambdaInvoker(functions, FUNCTION_TIMEOUT)), new SystemTimer(),
                LocalAws.REGION, LocalAws.ACCOUNT));
        String arn = stepFunctions.createStateMachine(NAME,
                LocalLambdas.releaseMachine(LocalAws.REGION, LocalAws.ACCOUNT));
        SfnApiServer api = shutdown.add(SfnApiServer.start(stepFunctions, 0));
        LocalEventBridge bus = new LocalEventBridge(LocalAws.REGION, LocalAws.ACCOUNT);
        ReleaseTrigger.install(bus, Infrastructure.REPOSITORY, stepFunctions, arn);
        return new ReleaseMachine(stepFunctions, arn, api, bus);
    }

    /**
     * Puts an event on the bus.
     *
     * @param image the image whose push the event tells of, if any, to report with it
     * @return the rules it matched and the releases it started
     */
    ControlApi.Publication putEvent(ObjectNode event, Image image) {
        List<String> rules = bus.putEvent(event);
        JsonNode id = event.get("id");
        List<String> executions = stepFunctions.executions(arn, null).stream()
                .filter(execution -> id != null && id.equals(execution.input().get("id")))
                .map(Execution::executionArn).toList();
        return new ControlApi.Publication(image, rules, executions);
    }

    Execution execution(String executionArn) {
        return stepFunctions.execution(executionArn);
    }

    String arn() {
        return arn;
    }

    /** Where the Step Functions API is served. */
    URI apiEndpoint() {
        return api.endpoint();
    }
}
