package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.RuntimeProbes.executionStatus;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.sqs.QueueProvisioner;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.runtime.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A job's webhook is scheduled at least once, through the local runtime: the webhook queue is
 * really unavailable (deleted from ElasticMQ, so the handlers' SQS client gets SQS's own error)
 * when the job ends, then comes back (created again from its spec). The step that ended the job
 * fails with {@link EventsUnavailableException}, is retried by the real ASL, and its retry puts the
 * first try on the real queue; a cancel answers 503 and its repetition schedules the webhook.
 *
 * <p>Each test takes about 20 s: ElasticMQ answers the long polls still waiting on a deleted queue
 * only at its 21 s ask timeout, so the delivery handler's pollers reach the new queue then.
 */
class WebhookSchedulingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalRuntime runtime;
  private static ApiClient api;
  private static WebhookReceiver receiver;
  private static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withSetting("MLJOBS_CALLBACK_ALLOW", "127.0.0.1")
                .withSetting("MLJOBS_WEBHOOK_RETRY_BASE_SECONDS", "1"));
    api = new ApiClient(runtime);
    receiver = new WebhookReceiver();
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
    receiver.close();
    runtime.close();
  }

  /** The queue is back after each test, whatever happened in it. */
  @AfterEach
  void restoreQueue() {
    restoreWebhookQueue();
  }

  private static void removeWebhookQueue() {
    var sqs = runtime.aws().sqs();
    sqs.deleteQueue(b -> b.queueUrl(runtime.aws().queueUrl(Queues.WEBHOOKS)));
    patiently("the webhook queue is gone")
        .until(
            () -> {
              try {
                sqs.getQueueUrl(b -> b.queueName(LocalAws.queueNames().of(Queues.WEBHOOKS)));
                return false;
              } catch (QueueDoesNotExistException gone) {
                return true;
              }
            });
  }

  private static void restoreWebhookQueue() {
    new QueueProvisioner(runtime.aws().sqs()).ensureQueues(LocalAws.queueNames());
  }

  private static String submit(String params, String path) {
    return api.submit(
            "{\"job_type\":\"sleep\",\"params\":"
                + params
                + ",\"callback_url\":\""
                + receiver.url(path)
                + "\"}")
        .get("job_id")
        .asText();
  }

  private static Predicate<Delivery> on(String path) {
    return d -> d.path().equals(path);
  }

  private static String executionArn(String jobId) {
    return StateMachines.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + jobId;
  }

  /** The errors of the tasks of {@code state} that failed so far in the job's execution. */
  private static List<String> taskErrors(String jobId, String state) {
    List<HistoryEvent> events;
    try {
      events =
          sfn
              .getExecutionHistoryPaginator(b -> b.executionArn(executionArn(jobId)))
              .events()
              .stream()
              .toList();
    } catch (ExecutionDoesNotExistException notYetDispatched) {
      return List.of();
    }
    String current = null;
    List<String> errors = new java.util.ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.stateEnteredEventDetails() != null) {
        current = e.stateEnteredEventDetails().name();
      }
      if (e.type() == HistoryEventType.TASK_FAILED && state.equals(current)) {
        errors.add(e.taskFailedEventDetails().error());
      }
    }
    return errors;
  }

  @Test
  void a_completion_while_the_webhook_queue_is_down_is_retried_and_the_webhook_delivered()
      throws Exception {
    // given: the webhook queue is unavailable
    removeWebhookQueue();
    // when: a job ends
    String id = submit("{\"seconds\":0}", "/completed");
    patiently("the completion step failed on the webhook queue")
        .until(
            () ->
                taskErrors(id, "MarkCompleted")
                    .contains(EventsUnavailableException.class.getName()));
    JsonNode meanwhile = api.job(id);
    assertThat(meanwhile.get("status").asText()).isEqualTo("completed");
    assertThat(meanwhile.at("/callback/status").asText()).isEqualTo("pending");
    assertThat(meanwhile.at("/callback/attempts").asInt()).isZero();
    // and the queue comes back
    restoreWebhookQueue();
    // then: a retry of the step schedules the webhook, delivered once, signed, with the job's end
    Delivery delivery = receiver.await(on("/completed"), 1, Duration.ofSeconds(60)).get(0);
    assertThat(delivery.id()).isEqualTo("msg_" + id);
    String secret = api.send("GET", "/v1/webhook-secret", null).body().get("secret").asText();
    assertThat(WebhookReceiver.verifies(delivery, secret)).isTrue();
    assertThat(JSON.readTree(delivery.body()).get("status").asText()).isEqualTo("completed");
    JsonNode job =
        api.await(
            id, j -> j.at("/callback/status").asText().equals("delivered"), Duration.ofSeconds(60));
    assertThat(job.at("/callback/attempts").asInt()).isEqualTo(1);
    assertThat(job.get("version").asLong()).isEqualTo(meanwhile.get("version").asLong());
    patiently("the execution succeeds (it was not abandoned)")
        .until(() -> executionStatus(runtime, id) == ExecutionStatus.SUCCEEDED);
    JsonNode runs = api.send("GET", "/v1/jobs/" + id + "/runs", null).body().get("runs");
    assertThat(runs)
        .singleElement()
        .satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("completed"));
    assertThat(receiver.received(on("/completed"))).hasSize(1);
  }

  @Test
  void a_cancel_while_the_webhook_queue_is_down_answers_503_and_the_repeated_delete_schedules_it()
      throws Exception {
    // given: a running job, and the webhook queue unavailable
    String id = submit("{\"seconds\":600}", "/cancelled");
    patiently("the job runs").until(() -> api.job(id).path("status").asText().equals("running"));
    removeWebhookQueue();
    // when
    ApiClient.Answer first = api.send("DELETE", "/v1/jobs/" + id, null);
    // then: try again, the cancel is recorded
    assertThat(first.status()).as(first.body().toString()).isEqualTo(503);
    assertThat(first.raw().headers().firstValue("Retry-After")).contains("5");
    assertThat(first.body().get("detail").asText()).contains("cancelled");
    assertThat(api.job(id).get("status").asText()).isEqualTo("cancelled");
    patiently("the execution is aborted")
        .until(() -> executionStatus(runtime, id) == ExecutionStatus.ABORTED);
    // when: the queue is back and the client repeats the DELETE
    restoreWebhookQueue();
    ApiClient.Answer again = api.send("DELETE", "/v1/jobs/" + id, null);
    // then: the cancelled job, and its webhook delivered once
    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().get("status").asText()).isEqualTo("cancelled");
    Delivery delivery = receiver.await(on("/cancelled"), 1, Duration.ofSeconds(60)).get(0);
    assertThat(delivery.id()).isEqualTo("msg_" + id);
    assertThat(JSON.readTree(delivery.body()).get("status").asText()).isEqualTo("cancelled");
    api.await(
        id, j -> j.at("/callback/status").asText().equals("delivered"), Duration.ofSeconds(60));
    // and once delivered, a DELETE of the ended job is refused as before
    assertThat(api.send("DELETE", "/v1/jobs/" + id, null).status()).isEqualTo(409);
    assertThat(receiver.received(on("/cancelled"))).hasSize(1);
  }
}
