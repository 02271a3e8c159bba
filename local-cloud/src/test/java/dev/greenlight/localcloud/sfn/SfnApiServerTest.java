package dev.greenlight.localcloud.sfn;

import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Step Functions API through the AWS SDK's SfnClient, with the requests the CLI makes. */
class SfnApiServerTest {

    // Greet (a stubbed Lambda), then hold for $.hold seconds: 0 ends at once, 600 keeps it running
    private static final String DEFINITION = """
            {"StartAt": "Greet", "States": {
              "Greet": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Greet",
                        "ResultPath": "$.greeting", "Next": "Hold"},
              "Hold": {"Type": "Wait", "SecondsPath": "$.hold", "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "Broken"}],
                        "Default": "Done"},
              "Broken": {"Type": "Fail", "Error": "Release.GateFailed", "Cause": "5xx above threshold"},
              "Done": {"Type": "Succeed"}}}""";

    private LocalStepFunctions sfn;
    private SfnApiServer server;
    private SfnClient client;
    private String machineArn;

    @BeforeEach
    void start() throws Exception {
        SystemTimer timer = new SystemTimer();
        StubLambdas lambdas = new StubLambdas(timer).then("Greet", StubLambdas.Result.returns("{\"hello\": \"blog\"}"));
        sfn = new LocalStepFunctions(new LambdaTaskRegistry(lambdas), timer, "us-east-1", "123456789012");
        machineArn = sfn.createStateMachine("greenlight-release", StateMachine.parse(DEFINITION));
        server = SfnApiServer.start(sfn, 0);
        client = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        sfn.close();
    }

    @Test
    void startExecution_runsTheMachineAndDescribeShowsItsOutput() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        StartExecutionResponse started = client.startExecution(r -> r.stateMachineArn(machineArn).name("rel-1")
                .input("{\"hold\": 0, \"tag\": \"v2\"}"));

        assertThat(started.executionArn())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:greenlight-release:rel-1");
        assertThat(started.startDate()).isBetween(before, Instant.now().plusSeconds(1));
        DescribeExecutionResponse done = awaitEnd(started.executionArn());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.name()).isEqualTo("rel-1");
        assertThat(done.stateMachineArn()).isEqualTo(machineArn);
        assertThat(Json.parse(done.input())).isEqualTo(Json.parse("{\"hold\": 0, \"tag\": \"v2\"}"));
        assertThat(Json.parse(done.output()).get("greeting")).isEqualTo(Json.parse("{\"hello\": \"blog\"}"));
        assertThat(done.stopDate()).isAfterOrEqualTo(done.startDate());
    }

    @Test
    void describeExecution_ofAFailedExecution_reportsItsErrorAndCause() throws Exception {
        String arn = client.startExecution(r -> r.stateMachineArn(machineArn).input("{\"hold\": 0, \"fail\": true}"))
                .executionArn();

        DescribeExecutionResponse done = awaitEnd(arn);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Release.GateFailed");
        assertThat(done.cause()).isEqualTo("5xx above threshold");
        assertThat(done.output()).isNull();
    }

    @Test
    void startExecution_isIdempotentForARunningNameWithTheSameInput_andRefusesOtherReuse() {
        String input = "{\"hold\": 600}";
        String first = client.startExecution(r -> r.stateMachineArn(machineArn).name("rel-7").input(input)).executionArn();

        String again = client.startExecution(r -> r.stateMachineArn(machineArn).name("rel-7").input(input)).executionArn();

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(machineArn).name("rel-7")
                .input("{\"hold\": 601}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageContaining(first);
        assertThat(client.listExecutions(r -> r.stateMachineArn(machineArn)).executions()).hasSize(1);
    }

    @Test
    void startExecution_refusesUnknownMachinesBadArnsNamesAndInput() {
        String unknown = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
        assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(unknown)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn("greenlight-release")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(machineArn).name("has space")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(machineArn).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
        assertThat(client.listExecutions(r -> r.stateMachineArn(machineArn)).executions()).isEmpty();
    }

    @Test
    void describeExecution_ofUnknownOrMalformedArns_failsAsAwsDoes() {
        String unknown = "arn:aws:states:us-east-1:123456789012:execution:greenlight-release:never";
        assertThatThrownBy(() -> client.describeExecution(r -> r.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> client.getExecutionHistory(r -> r.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> client.stopExecution(r -> r.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> client.describeExecution(r -> r.executionArn(machineArn)))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void describeStateMachine_givesTheDefinitionItRuns_andRefusesUnknownOrMalformedArns() {
        Instant before = Instant.now().minusSeconds(1);

        var described = client.describeStateMachine(r -> r.stateMachineArn(machineArn));

        assertThat(Json.parse(described.definition())).isEqualTo(Json.parse(DEFINITION));
        assertThat(described.name()).isEqualTo("greenlight-release");
        assertThat(described.stateMachineArn()).isEqualTo(machineArn);
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");
        assertThat(described.typeAsString()).isEqualTo("STANDARD");
        assertThat(described.roleArn()).startsWith("arn:aws:iam::123456789012:role/");
        assertThat(described.creationDate()).isBetween(before.minusSeconds(60), Instant.now().plusSeconds(1));
        String unknown = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";
        assertThatThrownBy(() -> client.describeStateMachine(r -> r.stateMachineArn(unknown)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> client.describeStateMachine(r -> r.stateMachineArn("greenlight-release")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void listExecutions_isNewestFirst_filtersByStatus_andPages() throws Exception {
        String done = client.startExecution(r -> r.stateMachineArn(machineArn).name("a").input("{\"hold\": 0}"))
                .executionArn();
        awaitEnd(done);
        String running1 = client.startExecution(r -> r.stateMachineArn(machineArn).name("b").input("{\"hold\": 600}"))
                .executionArn();
        String running2 = client.startExecution(r -> r.stateMachineArn(machineArn).name("c").input("{\"hold\": 600}"))
                .executionArn();

        assertThat(arns(client.listExecutions(r -> r.stateMachineArn(machineArn)))).containsExactly(running2, running1, done);
        assertThat(arns(client.listExecutions(r -> r.stateMachineArn(machineArn).statusFilter(ExecutionStatus.RUNNING))))
                .containsExactly(running2, running1);
        assertThat(arns(client.listExecutions(r -> r.stateMachineArn(machineArn).statusFilter(ExecutionStatus.SUCCEEDED))))
                .containsExactly(done);

        ListExecutionsResponse first = client.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(2));
        assertThat(arns(first)).containsExactly(running2, running1);
        ListExecutionsResponse second = client.listExecutions(r -> r.stateMachineArn(machineArn).maxResults(2)
                .nextToken(first.nextToken()));
        assertThat(arns(second)).containsExactly(done);
        assertThat(second.nextToken()).isNull();
        assertThat(client.listExecutionsPaginator(r -> r.stateMachineArn(machineArn).maxResults(1)).executions())
                .extracting(ExecutionListItem::executionArn).containsExactly(running2, running1, done);
        assertThatThrownBy(() -> client.listExecutions(r -> r.stateMachineArn(machineArn).nextToken("garbage")))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(client.listExecutions(r -> r.stateMachineArn(machineArn).statusFilter(ExecutionStatus.PENDING_REDRIVE))
                .executions()).isEmpty();
        assertThatThrownBy(() -> client.listExecutions(r -> r.stateMachineArn(machineArn).statusFilter("DONE")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("statusFilter");
    }

    @Test
    void getExecutionHistory_hasAwsEventTypesAndDetails() throws Exception {
        String arn = client.startExecution(r -> r.stateMachineArn(machineArn).name("h").input("{\"hold\": 0}"))
                .executionArn();
        awaitEnd(arn);

        List<HistoryEvent> events = client.getExecutionHistory(r -> r.executionArn(arn)).events();

        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).extracting(HistoryEvent::id).startsWith(1L, 2L, 3L);
        assertThat(events.get(1).previousEventId()).isEqualTo(1L);
        assertThat(Json.parse(events.get(0).executionStartedEventDetails().input()).get("hold").asInt()).isZero();
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Greet");
        assertThat(events.get(2).lambdaFunctionScheduledEventDetails().resource())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:Greet");
        assertThat(Json.parse(events.get(4).lambdaFunctionSucceededEventDetails().output()))
                .isEqualTo(Json.parse("{\"hello\": \"blog\"}"));
        assertThat(events.get(5).stateExitedEventDetails().name()).isEqualTo("Greet");
        assertThat(events.get(12).executionSucceededEventDetails().output()).contains("\"greeting\"");
        assertThat(events.get(0).timestamp()).isBeforeOrEqualTo(events.get(12).timestamp());

        List<HistoryEvent> newestTwo = client.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)
                .maxResults(2)).events();
        assertThat(newestTwo).extracting(HistoryEvent::id).containsExactly(13L, 12L);
        assertThat(client.getExecutionHistoryPaginator(r -> r.executionArn(arn).maxResults(5)).events()).hasSize(13);
        HistoryEvent withoutData = client.getExecutionHistory(r -> r.executionArn(arn).includeExecutionData(false))
                .events().get(1);
        assertThat(withoutData.stateEnteredEventDetails().name()).isEqualTo("Greet");
        assertThat(withoutData.stateEnteredEventDetails().input()).isNull();
    }

    @Test
    void stopExecution_abortsARunningExecutionWithItsErrorAndCause() throws Exception {
        String arn = client.startExecution(r -> r.stateMachineArn(machineArn).name("s").input("{\"hold\": 600}"))
                .executionArn();

        Instant stopDate = client.stopExecution(r -> r.executionArn(arn).error("Release.Aborted").cause("operator"))
                .stopDate();

        DescribeExecutionResponse stopped = client.describeExecution(r -> r.executionArn(arn));
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Release.Aborted");
        assertThat(stopped.cause()).isEqualTo("operator");
        assertThat(stopped.stopDate()).isEqualTo(stopDate);
        List<HistoryEvent> events = client.getExecutionHistory(r -> r.executionArn(arn)).events();
        HistoryEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(last.executionAbortedEventDetails().error()).isEqualTo("Release.Aborted");
    }

    @Test
    void stopExecution_refusesAnErrorLongerThanAwsAllows_andLeavesTheExecutionRunning() {
        String arn = client.startExecution(r -> r.stateMachineArn(machineArn).input("{\"hold\": 600}")).executionArn();

        assertThatThrownBy(() -> client.stopExecution(r -> r.executionArn(arn).error("E".repeat(257))))
                .isInstanceOf(ValidationException.class);

        assertThat(client.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void requestsOutsideTheProtocol_getAwsErrorShapes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AWSStepFunctions.DeleteStateMachine")
                .header("Content-Type", SfnHandler.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbled = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AWSStepFunctions.StartExecution")
                .header("Content-Type", SfnHandler.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("[1")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AWSStepFunctions.DescribeExecution")
                .header("Content-Type", SfnHandler.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue(SfnHandler.CONTENT_TYPE);
        assertThat(Json.parse(unknown.body()).get("__type").asString()).isEqualTo("UnknownOperationException");
        assertThat(Json.parse(unknown.body()).get("message").asString()).contains("DeleteStateMachine");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(Json.parse(garbled.body()).get("__type").asString()).isEqualTo("SerializationException");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.body()).get("__type").asString()).isEqualTo("ValidationException");
        assertThat(Json.parse(missing.body()).get("message").asString()).contains("executionArn");
    }

    @Test
    void wronglyTypedFields_andBodiesThatAreNotUtf8_areSerializationExceptions_withoutJavaNames() throws Exception {
        for (String[] call : new String[][] {
                {"DescribeExecution", "{\"executionArn\":{}}"},
                {"DescribeExecution", "{\"executionArn\":[\"a\"]}"},
                {"DescribeExecution", "{\"executionArn\":12}"},
                {"StartExecution", "{\"stateMachineArn\":true}"},
                {"GetExecutionHistory", "{\"executionArn\":\"x\",\"reverseOrder\":\"yes\"}"},
                {"GetExecutionHistory", "{\"executionArn\":\"x\",\"maxResults\":\"ten\"}"},
                {"ListExecutions", "{\"stateMachineArn\":\"x\",\"nextToken\":5}"}}) {
            HttpResponse<String> response = post(call[0], call[1].getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(call[1]).isEqualTo(400);
            assertThat(Json.parse(response.body()).get("__type").asString()).as(call[1]).isEqualTo("SerializationException");
            assertThat(response.body()).as(call[1]).doesNotContain("java.", "Exception:", "tools.jackson");
        }
        byte[] notUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = post("StartExecution", notUtf8);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("__type").asString()).isEqualTo("SerializationException");
    }

    @Test
    void aBodyShorterThanItsContentLength_getsAJsonError_notAServerPage() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions"
                    + ".DescribeExecution\r\nContent-Type: " + SfnHandler.CONTENT_TYPE + "\r\nContent-Length: 100\r\n"
                    + "\r\n{\"executionArn\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400 ").contains(SfnHandler.CONTENT_TYPE, "SerializationException")
                    .doesNotContain("<html");
        }
    }

    @Test
    void aRequestThatIsNotValidHttp_getsTheApisJsonError_notAServerPage() throws Exception {
        for (String head : List.of("POST /%25 HTTP/1.1", "POST /a%2Fb HTTP/1.1", "POST /\u0001 HTTP/1.1",
                "POST / HTTP/1.1\r\nX-Amz-Target: AWSStepFunctions." + "x".repeat(10_000))) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((head + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close"
                        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).as(head.lines().findFirst().orElseThrow()).startsWith("HTTP/1.1 400 ").contains(SfnHandler.CONTENT_TYPE)
                        .contains("\"__type\":\"UnknownOperationException\"").doesNotContain("<html");
            }
        }
    }

    private HttpResponse<String> post(String operation, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .header("Content-Type", SfnHandler.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        DescribeExecutionResponse description = client.describeExecution(r -> r.executionArn(executionArn));
        while (description.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            description = client.describeExecution(r -> r.executionArn(executionArn));
        }
        return description;
    }

    private static List<String> arns(ListExecutionsResponse response) {
        return response.executions().stream().map(ExecutionListItem::executionArn).toList();
    }
}
