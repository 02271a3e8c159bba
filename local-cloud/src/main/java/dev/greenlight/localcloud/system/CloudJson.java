package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.greenlight.statemachine.LocalAws;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code cloud.json}: where the CLI finds each service. Written last, so its presence means "up". */
final class CloudJson {

    private CloudJson() {
    }

    /**
     * Writes it whole, replacing the last one at once.
     *
     * @param first the start-up release, ended; null when there was none
     */
    static void write(Path stateDir, Infrastructure infrastructure, ReleaseMachine machine, URI dynamoDbEndpoint,
            URI controlEndpoint, URI lambdaEndpoint, URI cloudWatchEndpoint, Execution first) throws IOException {
        ObjectNode json = Json.object();
        json.put("region", LocalAws.REGION);
        json.put("account", LocalAws.ACCOUNT);
        json.put("service", Infrastructure.SERVICE);
        json.put("repository", Infrastructure.REPOSITORY);
        json.put("stateMachineArn", machine.arn());
        json.put("releasesTable", ReleasesStore.TABLE);
        json.put("sfnEndpoint", machine.apiEndpoint().toString());
        json.put("dynamodbEndpoint", dynamoDbEndpoint.toString());
        json.put("controlEndpoint", controlEndpoint.toString());
        json.put("lambdaEndpoint", lambdaEndpoint.toString());
        json.put("cloudwatchEndpoint", cloudWatchEndpoint.toString());
        // the ALB's CloudWatch dimension, as the gate queries its metrics by
        json.put("loadBalancer", infrastructure.loadBalancerArn()
                .substring(infrastructure.loadBalancerArn().indexOf("app/")));
        json.put("blogUrl", "http://127.0.0.1:" + infrastructure.blogPort() + "/");
        json.put("testUrl", "http://127.0.0.1:" + infrastructure.testPort() + "/");
        json.put("pid", ProcessHandle.current().pid());
        if (first != null) {
            putStartup(json.putObject("startup"), first);
        }
        Path staged = stateDir.resolve("cloud.json.tmp");
        Files.writeString(staged, Json.write(json));
        Files.move(staged, stateDir.resolve("cloud.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putStartup(ObjectNode startup, Execution first) {
        startup.put("executionArn", first.executionArn());
        startup.put("status", first.status().name());
        startup.put("tag", first.input().at("/detail/image-tag").asString(""));
        if (first.cause() != null) {
            startup.put("cause", first.cause());
        }
    }
}
