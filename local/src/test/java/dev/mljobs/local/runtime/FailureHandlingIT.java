package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.ApiClient.status;
import static dev.mljobs.local.runtime.ApiClient.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.ErrorMessages;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Failures that must never break a job's bookkeeping, through the local runtime: an over-long
 * worker error, failures that can never succeed (not retried, on Lambda and on Batch), a job type
 * no worker runs, and a cancelled attempt's run.
 */
@ExtendWith(LocalRuntimeExtension.class)
class FailureHandlingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKER = Pattern.compile(" \\[… [0-9,]+ characters left out …\\] ");
  private static LocalRuntime runtime;
  private static ApiClient api;
  private static SfnClient sfn;

  @BeforeAll
  static void start(LocalRuntime localRuntime) {
    runtime = localRuntime;
    api = new ApiClient(runtime);
    sfn =
        SfnClient.builder()
            .endpointOverride(runtime.stepFunctionsEndpoint())
            .region(LocalClients.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    sfn.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lambda", "batch"})
  void an_over_long_worker_error_goes_through_every_attempt_and_is_kept_cut_on_job_and_runs(
      String runtimeName) throws Exception {
    // given: a worker error of 10,000 characters, recognisable at both ends
    String message = "HEAD " + "x".repeat(9990) + " TAIL";
    String body =
        JSON.createObjectNode()
            .put("job_type", "sleep")
            .set(
                "params",
                JSON.createObjectNode()
                    .put("seconds", 0)
                    .put("fail", message)
                    .put("runtime", runtimeName))
            .toString();
    // when
    String id = api.submit(body).get("job_id").asText();
    JsonNode job = api.await(id, terminal(), Duration.ofSeconds(120));
    // then: all three attempts ran, as configured (a failure on purpose is transient)
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).isEqualTo(3);
    String reason = runtimeName.equals("batch") ? "worker exited with code 1: " + message : message;
    String kept = job.get("error_message").asText();
    assertThat(kept)
        .isEqualTo(ErrorMessages.fit(reason))
        .hasSizeLessThanOrEqualTo(ErrorMessages.MAX_LENGTH)
        .startsWith(reason.substring(0, 40))
        .endsWith("xxx TAIL");
    assertThat(MARKER.matcher(kept).find()).as("marker in " + kept.length() + " chars").isTrue();
    JsonNode runs = awaitRuns(id, 3);
    assertThat(runs).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(runs.get(i).get("attempt").asInt()).isEqualTo(i + 1);
      assertThat(runs.get(i).get("status").asText()).isEqualTo("failed");
      assertThat(runs.get(i).get("error").asText()).isEqualTo(kept);
    }
    // and the workflow ended normally: no step broke down into Abandon
    assertThat(finishedExecution(id)).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(statesEntered(id)).doesNotContain("Abandon").contains("AttemptFailed", "Backoff");
  }

  @Test
  void a_missing_input_fails_the_job_at_once_on_lambda() throws Exception {
    JsonNode job = missingManifestJob("lambda");
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).as("not retried").isEqualTo(1);
    assertThat(job.get("error_message").asText())
        .isEqualTo(
            "params.input_uri: s3://mljobs-data/uploads/local/no-such-list.txt does not exist"
                + " (a prefix must end with /)");
    assertThat(awaitRuns(job.get("job_id").asText(), 1)).hasSize(1);
    assertThat(statesEntered(job.get("job_id").asText())).doesNotContain("Backoff", "Abandon");
  }

  @Test
  void a_missing_input_fails_the_job_at_once_on_batch() throws Exception {
    JsonNode job = missingManifestJob("batch");
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).as("not retried").isEqualTo(1);
    assertThat(job.get("error_message").asText())
        .isEqualTo(
            "worker exited with code 4: params.input_uri:"
                + " s3://mljobs-data/uploads/local/no-such-list.txt does not exist"
                + " (a prefix must end with /)");
    assertThat(awaitRuns(job.get("job_id").asText(), 1)).hasSize(1);
    assertThat(statesEntered(job.get("job_id").asText())).doesNotContain("Backoff", "Abandon");
  }

  @Test
  void a_batch_whose_every_item_is_unusable_fails_at_once() throws Exception {
    // given: the only text under the prefix is empty
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket("mljobs-data").key("uploads/local/empty-texts/a.txt"),
            RequestBody.fromBytes(new byte[0]));
    // when
    String id =
        api.submit(
                "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"txt2embed\","
                    + "\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\","
                    + "\"input_uri\":\"s3://mljobs-data/uploads/local/empty-texts/\"}}")
            .get("job_id")
            .asText();
    JsonNode job = api.await(id, terminal(), Duration.ofSeconds(120));
    // then
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).as("not retried").isEqualTo(1);
    assertThat(job.get("error_message").asText())
        .startsWith(
            "the only item failed; first: s3://mljobs-data/uploads/local/empty-texts/a.txt:"
                + " the text is empty");
    assertThat(statesEntered(id)).doesNotContain("Backoff", "Abandon");
  }

  @Test
  void a_job_type_that_no_worker_runs_is_refused_at_submission() {
    for (String type : List.of("embedding_backfill", "evaluation", "drift", "container")) {
      ApiClient.Answer answer =
          api.send("POST", "/v1/jobs", "{\"job_type\":\"" + type + "\",\"params\":{}}");
      assertThat(answer.status()).as(type).isEqualTo(400);
      assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("job_type");
      assertThat(answer.body().at("/errors/0/message").asText())
          .isEqualTo(
              "no worker runs '"
                  + type
                  + "' jobs yet; submit one of batch_inference, inference,"
                  + " sleep");
    }
  }

  @Test
  void a_cancelled_run_starts_when_its_attempt_started_not_at_its_last_progress_report()
      throws Exception {
    // given: a running job that has reported progress since it started
    String id =
        api.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":30}}").get("job_id").asText();
    JsonNode reported =
        api.await(
            id, status("running").and(j -> j.get("progress").asInt() > 0), Duration.ofSeconds(30));
    Instant attemptStart = Instant.parse(reported.get("started_at").asText());
    assertThat(Instant.parse(reported.get("updated_at").asText())).isAfter(attemptStart);
    // when
    assertThat(api.send("DELETE", "/v1/jobs/" + id, null).status()).isEqualTo(200);
    // then
    JsonNode run = awaitRuns(id, 1).get(0);
    assertThat(run.get("status").asText()).isEqualTo("cancelled");
    assertThat(Instant.parse(run.get("started_at").asText())).isEqualTo(attemptStart);
  }

  /** A batch job over a manifest that does not exist, in the owner's own upload area. */
  private static JsonNode missingManifestJob(String runtimeName) throws InterruptedException {
    String id =
        api.submit(
                "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"txt2embed\","
                    + "\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\","
                    + "\"input_uri\":\"s3://mljobs-data/uploads/local/no-such-list.txt\","
                    + "\"runtime\":\""
                    + runtimeName
                    + "\"}}")
            .get("job_id")
            .asText();
    return api.await(id, terminal(), Duration.ofSeconds(90));
  }

  /** The job's runs once there are {@code count} (a run is written one write after the job). */
  private static JsonNode awaitRuns(String jobId, int count) throws InterruptedException {
    Predicate<JsonNode> enough = runs -> runs.size() >= count;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode runs = runs(jobId);
    while (!enough.test(runs) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      runs = runs(jobId);
    }
    return runs;
  }

  private static JsonNode runs(String jobId) {
    return api.send("GET", "/v1/jobs/" + jobId + "/runs", null).body().get("runs");
  }

  private static String executionArn(String jobId) {
    return StateMachines.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + jobId;
  }

  /** The execution's status once it is no longer running (it ends a step after its job). */
  private static ExecutionStatus finishedExecution(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ExecutionStatus status;
    do {
      status = sfn.describeExecution(b -> b.executionArn(executionArn(jobId))).status();
      if (status != ExecutionStatus.RUNNING) {
        return status;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return status;
  }

  /** The names of the states the job's execution entered, in order, once it finished. */
  private static List<String> statesEntered(String jobId) throws InterruptedException {
    finishedExecution(jobId);
    return sfn
        .getExecutionHistoryPaginator(b -> b.executionArn(executionArn(jobId)))
        .events()
        .stream()
        .filter(e -> e.stateEnteredEventDetails() != null)
        .map(HistoryEvent::stateEnteredEventDetails)
        .map(d -> d.name())
        .toList();
  }
}
