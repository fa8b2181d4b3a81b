package dev.mljobs.local.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.asl.AslInterpreter;
import dev.mljobs.local.asl.Execution;
import dev.mljobs.local.asl.ExecutionRequest;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import dev.mljobs.local.asl.StateMachineDefinition;
import dev.mljobs.local.aws.DynamoDbLocalServer;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.lambda.LocalFunction;
import dev.mljobs.local.lambda.LocalFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Task states reaching in-process Lambda functions, DynamoDB Local and local Batch processes. */
class TaskRouterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynamoDbLocalServer dynamoServer;
  private static DynamoDbClient dynamo;
  private static AslInterpreter interpreter;
  @TempDir static Path logs;

  /** The event type of the test function. */
  public record Numbers(int value) {}

  @BeforeAll
  static void start() throws Exception {
    dynamoServer = DynamoDbLocalServer.inMemory(0);
    dynamo = LocalClients.dynamoDb(dynamoServer.endpoint());
    dynamo.createTable(
        b ->
            b.tableName("jobs")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("job_id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName("job_id")
                        .keyType(KeyType.HASH)
                        .build()));
    RequestHandler<Numbers, Map<String, Integer>> doubler =
        (event, context) -> {
          if (event.value() < 0) {
            throw new IllegalArgumentException("value must not be negative");
          }
          return Map.of("value", event.value() * 2);
        };
    LocalFunctions functions =
        new LocalFunctions()
            .register(
                "doubler", LocalFunction.of(doubler, Numbers.class, JSON), Duration.ofSeconds(5));
    List<BatchJobDefinition> jobs =
        List.of(
            new BatchJobDefinition(
                "ok",
                List.of("sh", "-c", "echo \"$GREETING $1\"", "sh", "Ref::who"),
                Map.of("GREETING", "hello")),
            new BatchJobDefinition(
                "bad",
                List.of(
                    "sh", "-c", "echo working; echo 'bad input: image 3 is not a PNG' >&2; exit 3"),
                Map.of()),
            new BatchJobDefinition(
                "long", List.of("sh", "-c", "echo $$ > \"$PID_FILE\"; exec sleep 60"), Map.of()));
    interpreter = AslInterpreter.builder(new TaskRouter(functions, dynamo, jobs, logs)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    interpreter.close();
    dynamo.close();
    dynamoServer.close();
  }

  private static ExecutionResult run(String definition, String input) throws Exception {
    return interpreter.run(
        StateMachineDefinition.parse(definition), ExecutionRequest.of(JSON.readTree(input)));
  }

  private static String task(String resource, String parameters, String extra) {
    return "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
        + resource
        + "\",\"Parameters\":"
        + parameters
        + extra
        + ",\"End\":true}"
        + (extra.contains("Catch") ? ",\"Caught\":{\"Type\":\"Pass\",\"End\":true}" : "")
        + "}}";
  }

  private static final String CATCH_ALL =
      ",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\",\"Next\":\"Caught\"}]";

  @Test
  void lambda_invoke_wraps_the_functions_payload() throws Exception {
    ExecutionResult result =
        run(
            task(
                "arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"doubler\",\"Payload.$\":\"$\"}",
                ""),
            "{\"value\":21}");
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.output().at("/Payload/value").asInt()).isEqualTo(42);
  }

  @Test
  void a_plain_function_arn_returns_the_payload_itself() throws Exception {
    String definition =
        "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:doubler\",\"End\":true}}}";
    assertThat(run(definition, "{\"value\":4}").output()).isEqualTo(JSON.readTree("{\"value\":8}"));
  }

  @Test
  void a_function_error_is_named_by_its_error_type_with_the_error_payload_as_cause()
      throws Exception {
    ExecutionResult result =
        run(
            task(
                "arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"doubler\",\"Payload.$\":\"$\"}",
                CATCH_ALL),
            "{\"value\":-1}");
    JsonNode error = result.output().get("error");
    assertThat(error.get("Error").asText()).isEqualTo("java.lang.IllegalArgumentException");
    JsonNode cause = JSON.readTree(error.get("Cause").asText());
    assertThat(cause.get("errorMessage").asText()).isEqualTo("value must not be negative");
    assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void an_unknown_function_fails_with_resource_not_found() throws Exception {
    ExecutionResult result =
        run(
            task(
                "arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"nope\",\"Payload\":{}}", ""),
            "{}");
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Lambda.ResourceNotFoundException");
  }

  @Test
  void dynamodb_tasks_write_read_and_honour_conditions() throws Exception {
    // given: a put, a conditional update that holds, then one that does not
    String definition =
        """
        {"StartAt":"Put","States":{
          "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
            "Parameters":{"TableName":"jobs","Item":{"job_id":{"S.$":"$.id"},"status":{"S":"queued"},"version":{"N":"1"}}},
            "ResultPath":null,"Next":"Start"},
          "Start":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
            "Parameters":{"TableName":"jobs","Key":{"job_id":{"S.$":"$.id"}},
              "UpdateExpression":"SET #s = :running","ConditionExpression":"#s = :queued",
              "ExpressionAttributeNames":{"#s":"status"},
              "ExpressionAttributeValues":{":running":{"S":"running"},":queued":{"S":"queued"}},
              "ReturnValues":"ALL_NEW"},
            "ResultPath":"$.updated","Next":"Again"},
          "Again":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem",
            "Parameters":{"TableName":"jobs","Key":{"job_id":{"S.$":"$.id"}},
              "UpdateExpression":"SET #s = :running","ConditionExpression":"#s = :queued",
              "ExpressionAttributeNames":{"#s":"status"},
              "ExpressionAttributeValues":{":running":{"S":"running"},":queued":{"S":"queued"}}},
            "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.refused","Next":"Get"}],
            "Next":"Get"},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
            "Parameters":{"TableName":"jobs","Key":{"job_id":{"S.$":"$.id"}}},"ResultPath":"$.got","End":true}}}
        """;
    // when
    ExecutionResult result = run(definition, "{\"id\":\"job-1\"}");
    // then
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().at("/updated/Attributes/status/S").asText()).isEqualTo("running");
    assertThat(result.output().at("/refused/Error").asText())
        .isEqualTo("DynamoDB.ConditionalCheckFailedException");
    assertThat(result.output().at("/got/Item/status/S").asText()).isEqualTo("running");
    assertThat(
            dynamo
                .getItem(
                    b -> b.tableName("jobs").key(Map.of("job_id", AttributeValue.fromS("job-1"))))
                .item()
                .get("version")
                .n())
        .isEqualTo("1");
  }

  @Test
  void a_batch_job_runs_its_definitions_command_with_overrides() throws Exception {
    ExecutionResult result =
        run(
            task(
                "arn:aws:states:::batch:submitJob.sync",
                "{\"JobName\":\"j\",\"JobQueue\":\"gpu\",\"JobDefinition\":\"arn:aws:batch:us-east-1:000000000000:job-definition/ok:3\","
                    + "\"Parameters\":{\"who\":\"world\"},\"ContainerOverrides\":{\"Environment\":[{\"Name\":\"GREETING\",\"Value\":\"hi\"}]}}",
                ""),
            "{}");
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(result.output().at("/Container/ExitCode").asInt()).isZero();
    Path out = Path.of(result.output().at("/Container/LogStreamName").asText());
    assertThat(Files.readString(out).strip()).isEqualTo("hi world");
  }

  @Test
  void a_failing_batch_job_fails_the_task_with_its_exit_code_and_last_stderr_line()
      throws Exception {
    ExecutionResult result =
        run(
            task(
                "arn:aws:states:::batch:submitJob.sync",
                "{\"JobName\":\"j\",\"JobQueue\":\"q\",\"JobDefinition\":\"bad\"}",
                CATCH_ALL),
            "{}");
    JsonNode error = result.output().get("error");
    assertThat(error.get("Error").asText()).isEqualTo("States.TaskFailed");
    JsonNode cause = JSON.readTree(error.get("Cause").asText());
    assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
    assertThat(cause.at("/Container/ExitCode").asInt()).isEqualTo(3);
    assertThat(cause.at("/Container/Reason").asText()).isEqualTo("bad input: image 3 is not a PNG");
  }

  @Test
  void stopping_the_execution_kills_the_batch_process() throws Exception {
    // given
    Path pidFile = logs.resolve("pid");
    String definition =
        task(
            "arn:aws:states:::batch:submitJob.sync",
            "{\"JobName\":\"j\",\"JobQueue\":\"q\",\"JobDefinition\":\"long\",\"ContainerOverrides\":{\"Environment\":[{\"Name\":\"PID_FILE\",\"Value\":\""
                + pidFile
                + "\"}]}}",
            "");
    Execution execution =
        interpreter.start(
            StateMachineDefinition.parse(definition), ExecutionRequest.of(JSON.readTree("{}")));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank())
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid)).isPresent();
    // when
    ExecutionResult result = execution.stop("Cancelled", "by the user");
    // then
    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
