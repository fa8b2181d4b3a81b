package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.job.RunStatus;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.core.webhook.WebhookSender;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.handlers.events.FlakyWebhookQueue;
import dev.mljobs.handlers.events.WebhookJobEvents;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.RacingJobStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancel through the API when it races: another writer of the job, a workflow service that fails
 * the stop, a webhook queue that refuses the webhook. The answer is a clear status, the job is
 * never corrupted and never resurrected, its webhook never lost.
 */
class CancelRacesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final RacingJobStore store = new RacingJobStore(new InMemoryJobStore(clock));
  private final InMemoryJobRunStore runs = new InMemoryJobRunStore();
  private final RecordingJobQueue queue = new RecordingJobQueue();
  private final RecordingWorkflows workflows = new RecordingWorkflows();
  private final List<Job> published = new CopyOnWriteArrayList<>();
  private final FlakyWebhookQueue webhooks = new FlakyWebhookQueue();
  private JobService service;
  private JobSteps steps;
  private ApiHandler api;

  @BeforeEach
  void setUp() {
    WebhookSecrets secrets =
        new WebhookSecrets(new InMemoryWebhookSecretStore(), clock, new SecureRandom());
    JobEvents events =
        new WebhookJobEvents(
            new WebhookDeliveries(
                store,
                secrets,
                webhooks,
                (url, headers, body) -> WebhookSender.Response.answered(200),
                new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1)),
                job -> "{}",
                clock),
            published::add);
    service =
        new JobService(
            store,
            runs,
            queue,
            workflows,
            events,
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    steps = new JobSteps(store, runs, events, clock, queue);
    ModelCatalog catalog = new ModelCatalog(new InMemoryModelStore(), model -> List.of());
    api =
        new ApiHandler(
            new JobsApi(
                service,
                runs,
                new CallbackTokens("a-secret-of-enough-length"),
                new QueuePositions(store),
                new InMemoryBlobStore(),
                catalog,
                TestApi.SPACES,
                TestApi.CALLBACK_URLS),
            new ModelsApi(catalog, clock, TestApi.SPACES),
            TestApi.uploads(),
            new WebhookSecretsApi(secrets));
  }

  /** A job of alice's, dispatched and marked running by its workflow. */
  private Job runningJob() {
    return runningJob(null);
  }

  private Job runningJob(String callbackUrl) {
    NewJob request =
        NewJob.of("sleep", JsonNodeFactory.instance.objectNode().put("seconds", 5), "alice");
    Job queued =
        service
            .submit(
                new NewJob(
                    request.jobType(),
                    request.params(),
                    request.priority(),
                    request.maxAttempts(),
                    request.timeoutSeconds(),
                    request.ttlHours(),
                    null,
                    null,
                    null,
                    null,
                    request.owner(),
                    null,
                    callbackUrl))
            .job();
    service.dispatch(queued.jobId());
    Job running = steps.start(queued.jobId()).orElseThrow();
    published.clear();
    clock.advance(Duration.ofSeconds(2));
    return running;
  }

  private Job stored(UUID id) {
    return store.find(id).orElseThrow();
  }

  private APIGatewayV2HTTPResponse cancel(UUID id) {
    return api.handleRequest(
        ApiEvents.event("DELETE", "/v1/jobs/" + id, "alice", null, Map.of()), ApiEvents.CONTEXT);
  }

  @Test
  void a_cancel_that_loses_every_write_race_answers_409_and_changes_nothing_else()
      throws Exception {
    // given: progress reports land before each of the cancel's five writes
    Job running = runningJob();
    store.rivalWritesFirst(5, j -> j.reportProgress(j.progress() + 10, clock.now()));
    // when
    APIGatewayV2HTTPResponse response = cancel(running.jobId());
    // then: a conflict to try again, not a 500
    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(store.racesLeft()).as("every write of the cancel lost a race").isZero();
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("detail").asText()).contains("try again");
    // and the job is as the other writer left it: running, every progress report kept
    Job after = stored(running.jobId());
    assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(after.progress()).isEqualTo(50);
    assertThat(after.version()).isEqualTo(running.version() + 5);
    assertThat(workflows.stopped()).isEmpty();
    assertThat(runs.runsOf(running.jobId())).isEmpty();
    assertThat(published).isEmpty();
    // and trying again succeeds
    assertThat(cancel(running.jobId()).getStatusCode()).isEqualTo(200);
    assertThat(stored(running.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void a_cancel_that_loses_one_race_cancels_the_job_as_the_other_writer_left_it() throws Exception {
    Job running = runningJob();
    store.rivalWritesFirst(1, j -> j.reportProgress(40, clock.now()));

    APIGatewayV2HTTPResponse response = cancel(running.jobId());

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.getBody()).get("status").asText()).isEqualTo("cancelled");
    Job after = stored(running.jobId());
    assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(after.progress()).isEqualTo(40);
    assertThat(after.version()).isEqualTo(running.version() + 2);
    assertThat(workflows.stopped()).containsExactly(running.jobId());
  }

  @Test
  void when_the_stop_fails_after_the_cancelled_write_the_job_stays_cancelled_for_good()
      throws Exception {
    // given: the workflow service fails the stop call
    Job running = runningJob();
    workflows.stopFails(true);
    // when
    APIGatewayV2HTTPResponse response = cancel(running.jobId());
    // then: the user learns the job is cancelled; its run, event and slot are not skipped
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.getBody()).get("status").asText()).isEqualTo("cancelled");
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.CANCELLED);
    assertThat(published).extracting(Job::status).containsExactly(JobStatus.CANCELLED);
    assertThat(workflows.isRunning(running.jobId())).isTrue();
    // when: the workflow, still running, takes its next steps, and the reconciler runs
    clock.advance(Duration.ofSeconds(3));
    assertThat(steps.complete(running.jobId(), 1, T0, null, null).orElseThrow().changed())
        .isFalse();
    assertThat(
            steps
                .attemptFailed(running.jobId(), 1, T0, "boom", FailureKind.TRANSIENT)
                .orElseThrow()
                .changed())
        .isFalse();
    assertThat(steps.start(running.jobId())).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    service.redispatchStale(Duration.ofMinutes(1));
    // then: nothing brings it back
    Job after = stored(running.jobId());
    assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(after.result()).isNull();
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.CANCELLED);
    assertThat(queue.sent()).extracting(RecordingJobQueue.Sent::jobId).hasSize(1);
    assertThat(published).extracting(Job::status).containsExactly(JobStatus.CANCELLED);
  }

  @Test
  void a_cancel_whose_webhook_cannot_be_scheduled_answers_503_and_a_repeated_delete_schedules_it()
      throws Exception {
    // given: the webhook queue refuses the next send
    Job running = runningJob("https://hooks.example.com/cancelled");
    webhooks.failNext(1);
    // when
    APIGatewayV2HTTPResponse response = cancel(running.jobId());
    // then: try again soon, and the cancel is recorded
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "application/problem+json")
        .containsEntry("Retry-After", "5");
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asText()).contains("cancelled").contains("DELETE again");
    assertThat(problem.get("detail").asText()).doesNotContain("Rate exceeded");
    Job after = stored(running.jobId());
    assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(workflows.stopped()).containsExactly(running.jobId());
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.CANCELLED);
    assertThat(webhooks.scheduled()).isEmpty();
    // when: the client sends the DELETE again
    APIGatewayV2HTTPResponse again = cancel(running.jobId());
    // then: the cancelled job, unchanged, and its webhook scheduled
    assertThat(again.getStatusCode()).isEqualTo(200);
    JsonNode job = JSON.readTree(again.getBody());
    assertThat(job.get("status").asText()).isEqualTo("cancelled");
    assertThat(job.get("version").asLong()).isEqualTo(after.version());
    assertThat(job.at("/callback/status").asText()).isEqualTo("pending");
    assertThat(webhooks.scheduled())
        .singleElement()
        .satisfies(s -> assertThat(s.task().jobId()).isEqualTo(running.jobId()));
    assertThat(workflows.stopped()).containsExactly(running.jobId());
    assertThat(stored(running.jobId()).version()).isEqualTo(after.version());
  }
}
