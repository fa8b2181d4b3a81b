package dev.mljobs.handlers.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.IllegalJobTransitionException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.core.job.RunStatus;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.core.webhook.WebhookSender;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.JobFixtures;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job's webhook is scheduled at least once: when the queue refuses the first try, the step (or
 * the cancel) that ended the job fails with {@link EventsUnavailableException} after its write and
 * after the other subscribers got the event; its retry schedules the webhook. The steps, the
 * webhook use case and its events adapter are the real ones, over in-memory stores.
 */
class JobStepsWebhookSchedulingTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
  private final InMemoryJobRunStore runs = new InMemoryJobRunStore();
  private final RecordingJobQueue jobQueue = new RecordingJobQueue();
  private final FlakyWebhookQueue webhooks = new FlakyWebhookQueue();
  private final List<Job> bus = new CopyOnWriteArrayList<>();
  private WebhookDeliveries deliveries;
  private JobSteps steps;
  private JobService service;

  @BeforeEach
  void setUp() {
    deliveries =
        new WebhookDeliveries(
            jobs,
            new WebhookSecrets(new InMemoryWebhookSecretStore(), clock, new SecureRandom()),
            webhooks,
            (url, headers, body) -> WebhookSender.Response.answered(200),
            new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1)),
            job -> "{\"job_id\":\"" + job.jobId() + "\"}",
            clock);
    WebhookJobEvents events = new WebhookJobEvents(deliveries, bus::add);
    steps = new JobSteps(jobs, runs, events, clock, jobQueue);
    service =
        new JobService(
            jobs,
            runs,
            jobQueue,
            new RecordingWorkflows(),
            events,
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
  }

  /** A running job of alice's with a callback_url, and a parked one waiting for its slot. */
  private Job running() {
    Job queued =
        jobs.create(
                JobFixtures.aQueuedJob(T0).callbackUrl("https://hooks.example.com/done").build())
            .job();
    Job started = steps.start(queued.jobId()).orElseThrow();
    UUID parked = jobs.create(JobFixtures.aQueuedJob(T0).build()).job().jobId();
    jobs.park(parked);
    bus.clear();
    clock.advance(Duration.ofSeconds(3));
    return started;
  }

  private Job stored(UUID id) {
    return jobs.find(id).orElseThrow();
  }

  private List<UUID> scheduledFor() {
    return webhooks.scheduled().stream().map(s -> s.task().jobId()).toList();
  }

  @Test
  void a_completion_whose_webhook_cannot_be_scheduled_fails_and_its_retry_schedules_it() {
    // given
    Job running = running();
    webhooks.failNext(1);
    // when: the step's write is done, the queue refuses the webhook's first try
    assertThatThrownBy(() -> steps.complete(running.jobId(), 1, T0, null, null))
        .isInstanceOf(EventsUnavailableException.class)
        .hasMessageContaining("retry the step")
        .hasRootCauseMessage("Rate exceeded (throttled)");
    // then: the job is completed, written once, its run recorded; the bus got the event and the
    // freed slot went to the parked job all the same
    Job completed = stored(running.jobId());
    assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(completed.version()).isEqualTo(running.version() + 1);
    assertThat(completed.callback()).isEqualTo(Callback.pending());
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.COMPLETED);
    assertThat(bus).extracting(Job::status).containsExactly(JobStatus.COMPLETED);
    assertThat(jobQueue.sent()).hasSize(1);
    assertThat(webhooks.scheduled()).isEmpty();
    // when: Step Functions retries the step
    JobSteps.Step retried = steps.complete(running.jobId(), 1, T0, null, null).orElseThrow();
    // then: nothing is written again; the webhook is scheduled now, as a first try
    assertThat(retried.changed()).isFalse();
    assertThat(stored(running.jobId()).version()).isEqualTo(completed.version());
    assertThat(runs.runsOf(running.jobId())).hasSize(1);
    assertThat(webhooks.scheduled())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.task().jobId()).isEqualTo(running.jobId());
              assertThat(s.task().attempt()).isEqualTo(1);
              assertThat(s.delay()).isZero();
            });
    // and the try it schedules is delivered and recorded
    assertThat(deliveries.attempt(webhooks.scheduled().get(0).task()))
        .contains(new Callback(Callback.Status.DELIVERED, 1, null));
  }

  @Test
  void a_final_failure_whose_webhook_cannot_be_scheduled_is_retried_the_same_way() {
    Job running = running();
    webhooks.failNext(1);

    assertThatThrownBy(
            () ->
                steps.attemptFailed(running.jobId(), 1, T0, "not an image", FailureKind.PERMANENT))
        .isInstanceOf(EventsUnavailableException.class);
    assertThat(stored(running.jobId()).status()).isEqualTo(JobStatus.FAILED);
    assertThat(bus).extracting(Job::status).containsExactly(JobStatus.FAILED);

    steps.attemptFailed(running.jobId(), 1, T0, "not an image", FailureKind.PERMANENT);

    assertThat(scheduledFor()).containsExactly(running.jobId());
    assertThat(stored(running.jobId()).version()).isEqualTo(running.version() + 1);
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.FAILED);
  }

  @Test
  void an_abandon_retried_after_its_webhook_failed_schedules_it() {
    Job running = running();
    webhooks.failNext(1);

    assertThatThrownBy(() -> steps.abandon(running.jobId(), "the workflow broke down"))
        .isInstanceOf(EventsUnavailableException.class);
    assertThat(stored(running.jobId()).status()).isEqualTo(JobStatus.FAILED);

    assertThat(steps.abandon(running.jobId(), "the workflow broke down").orElseThrow().changed())
        .isFalse();
    assertThat(scheduledFor()).containsExactly(running.jobId());
  }

  @Test
  void a_step_that_exhausted_its_retries_leaves_the_webhook_to_abandon() {
    // given: every try of the completion step found the queue refusing
    Job running = running();
    webhooks.failNext(6);
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> steps.complete(running.jobId(), 1, T0, null, null))
          .isInstanceOf(EventsUnavailableException.class);
    }
    // when: the state machine catches the error and abandons
    steps.abandon(running.jobId(), "States.ALL");
    // then: the job stays completed, and its webhook is scheduled
    assertThat(stored(running.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduledFor()).containsExactly(running.jobId());
    assertThat(webhooks.refused()).isEqualTo(6);
  }

  @Test
  void a_workflow_re_run_that_finds_its_job_ended_retries_until_the_webhook_is_scheduled() {
    // given: the process died after the completion's write, and the queue refuses the next send
    Job running = running();
    jobs.update(running.complete(null, null, clock.now()));
    webhooks.failNext(1);
    // when
    assertThatThrownBy(() -> steps.start(running.jobId()))
        .isInstanceOf(EventsUnavailableException.class);
    // then: the retried step schedules it, and the job does not run again
    assertThat(steps.start(running.jobId())).isEmpty();
    assertThat(scheduledFor()).containsExactly(running.jobId());
  }

  @Test
  void a_job_without_callback_url_never_fails_a_step_over_the_webhook_queue() {
    Job queued = jobs.create(JobFixtures.aQueuedJob(T0).build()).job();
    steps.start(queued.jobId());
    webhooks.failNext(1);

    assertThat(steps.complete(queued.jobId(), 1, T0, null, null).orElseThrow().changed()).isTrue();
    assertThat(webhooks.refused()).isZero();
  }

  @Test
  void a_cancel_whose_webhook_cannot_be_scheduled_stands_and_a_repeated_cancel_schedules_it() {
    // given
    Job running = running();
    webhooks.failNext(1);
    // when
    assertThatThrownBy(() -> service.cancel("alice", running.jobId()))
        .isInstanceOf(EventsUnavailableException.class);
    // then: cancelled for good, its run recorded, its slot handed on, the bus told
    Job cancelled = stored(running.jobId());
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(runs.runsOf(running.jobId()))
        .extracting(JobRun::status)
        .containsExactly(RunStatus.CANCELLED);
    assertThat(jobQueue.sent()).hasSize(1);
    assertThat(bus).extracting(Job::status).containsExactly(JobStatus.CANCELLED);
    // when: the client repeats the cancel
    Job again = service.cancel("alice", running.jobId());
    // then: nothing is written; the webhook is scheduled
    assertThat(again.version()).isEqualTo(cancelled.version());
    assertThat(stored(running.jobId()).version()).isEqualTo(cancelled.version());
    assertThat(scheduledFor()).containsExactly(running.jobId());
    // and once it has been tried, a cancel of the ended job is refused as before
    deliveries.attempt(webhooks.scheduled().get(0).task());
    assertThatThrownBy(() -> service.cancel("alice", running.jobId()))
        .isInstanceOf(IllegalJobTransitionException.class);
    assertThat(scheduledFor()).hasSize(1);
  }

  @Test
  void a_repeated_cancel_is_refused_for_a_completed_job_and_for_another_owner() {
    Job running = running();
    webhooks.failNext(1);
    assertThatThrownBy(() -> steps.complete(running.jobId(), 1, T0, null, null))
        .isInstanceOf(EventsUnavailableException.class);

    assertThatThrownBy(() -> service.cancel("alice", running.jobId()))
        .isInstanceOf(IllegalJobTransitionException.class);
    assertThat(webhooks.scheduled()).isEmpty();

    Job other = running();
    webhooks.failNext(1);
    assertThatThrownBy(() -> service.cancel("alice", other.jobId()))
        .isInstanceOf(EventsUnavailableException.class);
    assertThatThrownBy(() -> service.cancel("bob", other.jobId()))
        .isInstanceOf(dev.mljobs.core.job.JobNotFoundException.class);
    assertThat(webhooks.scheduled()).isEmpty();
  }
}
