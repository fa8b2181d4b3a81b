package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.model.Message;

/** The local runtime, reached as a user reaches it: real SDK clients and the HTTP API. */
@ExtendWith(LocalRuntimeExtension.class)
class LocalRuntimeIT {

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY));
  }

  @Test
  void it_starts_and_answers_health(LocalRuntime runtime) {
    ApiClient.Answer health = new ApiClient(runtime).send("GET", "/health", null);
    assertThat(health.status()).isEqualTo(200);
    // each dependency the API has, by kind only: no table, queue or bucket name is shown
    assertThat(health.body().path("dependencies").fieldNames())
        .toIterable()
        .containsExactly("dynamodb", "sqs", "s3", "stepfunctions");
    health
        .body()
        .path("dependencies")
        .forEach(d -> assertThat(d.path("status").asText()).isEqualTo("up"));
    assertThat(health.raw().body()).doesNotContain("mljobs-");
    System.out.println(
        "local runtime (in memory) ready in " + runtime.startupTime().toMillis() + " ms");
  }

  @Test
  void a_real_sdk_client_writes_and_reads_a_table_item(LocalRuntime runtime) {
    var dynamo = runtime.aws().dynamoDb();
    dynamo.putItem(
        b ->
            b.tableName("mljobs-idempotency_keys")
                .item(
                    Map.of(
                        "owner",
                        AttributeValue.fromS("sdk-test"),
                        "idempotency_key",
                        AttributeValue.fromS("k"),
                        "job_id",
                        AttributeValue.fromS("x"))));
    var item =
        dynamo
            .getItem(
                b ->
                    b.tableName("mljobs-idempotency_keys")
                        .key(
                            Map.of(
                                "owner",
                                AttributeValue.fromS("sdk-test"),
                                "idempotency_key",
                                AttributeValue.fromS("k"))))
            .item();
    assertThat(item.get("job_id").s()).isEqualTo("x");
  }

  @Test
  void a_real_sdk_client_sends_and_receives_a_message_and_stores_an_object(LocalRuntime runtime) {
    var sqs = runtime.aws().sqs();
    String url = sqs.createQueue(b -> b.queueName("sdk-test")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages())
        .extracting(Message::body)
        .containsExactly("hello");
    var s3 = runtime.aws().s3();
    s3.putObject(
        b -> b.bucket("mljobs-data").key("in/hello.txt"), RequestBody.fromString("hi there"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("mljobs-data").key("in/hello.txt")).asUtf8String())
        .isEqualTo("hi there");
  }

  @Test
  void a_sample_state_machine_runs_and_its_history_is_readable(LocalRuntime runtime)
      throws Exception {
    try (SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(runtime.stepFunctionsEndpoint())
            .region(LocalClients.REGION)
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String definition =
          "{\"StartAt\":\"Greet\",\"States\":{\"Greet\":{\"Type\":\"Pass\",\"Parameters\":{\"greeting.$\":\"States.Format('hello {}', $.name)\"},\"Next\":\"Wait\"},"
              + "\"Wait\":{\"Type\":\"Wait\",\"Seconds\":0,\"End\":true}}}";
      String machine =
          sfn.createStateMachine(
                  b -> b.name("sample").definition(definition).roleArn(StateMachines.ROLE))
              .stateMachineArn();
      String execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"name\":\"local\"}"))
              .executionArn();
      var described = sfn.describeExecution(b -> b.executionArn(execution));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (described.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
        Thread.sleep(20);
        described = sfn.describeExecution(b -> b.executionArn(execution));
      }
      assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(described.output()).isEqualTo("{\"greeting\":\"hello local\"}");
      assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
          .extracting(e -> e.type())
          .startsWith(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED)
          .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    }
  }

  @Test
  void a_schedule_created_with_the_sdk_fires_into_a_queue(LocalRuntime runtime) {
    var sqs = runtime.aws().sqs();
    String url = sqs.createQueue(b -> b.queueName("schedule-target")).queueUrl();
    String arn =
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
            .attributesAsStrings()
            .get("QueueArn");
    LocalDateTime inTwoSeconds =
        LocalDateTime.ofInstant(Instant.now().plusSeconds(2), ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.SECONDS);
    try (SchedulerClient scheduler =
        SchedulerClient.builder()
            .endpointOverride(runtime.schedulerEndpoint())
            .region(LocalClients.REGION)
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      scheduler.createSchedule(
          b ->
              b.name("once")
                  .scheduleExpression(
                      "at("
                          + inTwoSeconds.format(
                              java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                          + ")")
                  .scheduleExpressionTimezone("UTC")
                  .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                  .target(t -> t.arn(arn).roleArn(StateMachines.ROLE).input("{\"fired\":true}")));
    }
    var messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages();
    assertThat(messages).extracting(Message::body).containsExactly("{\"fired\":true}");
  }

  @Test
  void an_uploaded_job_request_file_becomes_a_job_and_a_bad_one_explains_itself(
      LocalRuntime runtime) throws Exception {
    // given
    var s3 = runtime.aws().s3();
    ApiClient api = new ApiClient(runtime);
    // when
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/local/nightly run.job.json"),
        RequestBody.fromString(
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"tag\":\"from-s3\"}}"));
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/local/broken.job.json"),
        RequestBody.fromString("{\"job_type\":\"sleep\",\"priority\":99}"));
    // then: the good file made exactly one job, which runs
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode found = null;
    while (found == null && System.nanoTime() < deadline) {
      for (JsonNode job : api.send("GET", "/v1/jobs?limit=100", null).body().get("jobs")) {
        if ("from-s3".equals(job.at("/params/tag").asText())) {
          found = job;
        }
      }
      Thread.sleep(100);
    }
    assertThat(found).as("a job from the uploaded file").isNotNull();
    assertThat(
            api.await(found.get("job_id").asText(), ApiClient.terminal(), Duration.ofSeconds(30))
                .get("status")
                .asText())
        .isEqualTo("completed");
    // and the bad file got its reasons next to it
    String error = null;
    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (error == null && System.nanoTime() < deadline) {
      try {
        error =
            s3.getObjectAsBytes(
                    b -> b.bucket("mljobs-data").key("inputs/local/broken.job.json.error.json"))
                .asUtf8String();
      } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException notYet) {
        Thread.sleep(100);
      }
    }
    assertThat(error).contains("\"field\":\"priority\"").contains("params.seconds");
  }

  @Test
  void an_embedding_job_runs_on_the_worker_through_the_whole_path(LocalRuntime runtime)
      throws Exception {
    ApiClient api = new ApiClient(runtime);
    JsonNode submitted =
        api.submit(
            "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"txt2embed\","
                + "\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\","
                + "\"input_data\":{\"texts\":[\"A man is eating food.\",\"A man is eating pasta.\"]}}}");
    JsonNode done =
        api.await(submitted.get("job_id").asText(), ApiClient.terminal(), Duration.ofSeconds(60));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.at("/result/dimensions").asInt()).isEqualTo(384);
    JsonNode a = done.at("/result/embeddings/0");
    JsonNode b = done.at("/result/embeddings/1");
    double cosine = 0;
    for (int i = 0; i < 384; i++) {
      cosine += a.get(i).asDouble() * b.get(i).asDouble();
    }
    assertThat(cosine).isBetween(0.5, 0.99);
    ApiClient.Answer bad =
        api.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"txt2embed\",\"model_id\":\"nope\",\"input_data\":{\"text\":\"x\"}}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("params.model_id");
  }

  @Test
  void a_sleep_job_goes_from_queued_to_completed_through_the_whole_path(LocalRuntime runtime)
      throws Exception {
    ApiClient api = new ApiClient(runtime);
    JsonNode submitted = api.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}");
    assertThat(submitted.get("status").asText()).isEqualTo("queued");
    JsonNode done =
        api.await(submitted.get("job_id").asText(), ApiClient.terminal(), Duration.ofSeconds(30));
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.at("/result/slept_ms").asInt()).isZero();
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.get("progress").asInt()).isEqualTo(100);
    JsonNode runs =
        api.send("GET", "/v1/jobs/" + done.get("job_id").asText() + "/runs", null)
            .body()
            .get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("completed");
    assertThat(runtime.aws().queueUrl(Queues.JOBS)).contains("mljobs-jobs");
  }
}
