package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.JobFixtures;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step retried after its status write (the step crashed, or publishing threw, before the event
 * went out) still announces the change: the event, and with it the job's webhook, is never lost.
 */
class JobStepsAnnounceTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private InMemoryJobStore jobs;
  private InMemoryJobRunStore runs;
  private RecordingJobQueue queue;
  private final List<Job> published = new CopyOnWriteArrayList<>();
  private final AtomicBoolean publishingFails = new AtomicBoolean();
  private JobSteps steps;
  private UUID id;

  @BeforeEach
  void setUp() {
    SettableClock clock = new SettableClock(T0);
    jobs = new InMemoryJobStore(clock);
    runs = new InMemoryJobRunStore();
    queue = new RecordingJobQueue();
    JobEvents events =
        job -> {
          if (publishingFails.get()) {
            throw new IllegalStateException("event bus unreachable");
          }
          published.add(job);
        };
    steps = new JobSteps(jobs, runs, events, clock, queue);
    id = jobs.create(JobFixtures.aQueuedJob(T0).maxAttempts(2).build()).job().jobId();
    steps.start(id);
    published.clear();
  }

  private Job job() {
    return jobs.find(id).orElseThrow();
  }

  private List<JobStatus> statuses() {
    return published.stream().map(Job::status).toList();
  }

  @Test
  void a_completion_retried_after_publishing_failed_publishes_it() {
    // given: the completion is written, then publishing throws and the step fails
    publishingFails.set(true);
    assertThatThrownBy(() -> steps.complete(id, 1, T0, null, null))
        .hasMessage("event bus unreachable");
    assertThat(job().status()).isEqualTo(JobStatus.COMPLETED);
    // when: Step Functions retries the step
    publishingFails.set(false);
    JobSteps.Step retried = steps.complete(id, 1, T0, null, null).orElseThrow();
    // then
    assertThat(retried.changed()).isFalse();
    assertThat(statuses()).containsExactly(JobStatus.COMPLETED);
    assertThat(runs.runsOf(id)).extracting(JobRun::status).containsExactly(RunStatus.COMPLETED);
  }

  @Test
  void a_completion_retried_after_a_crash_between_the_write_and_the_event_publishes_it() {
    // given: the process died right after the job's write
    jobs.update(job().complete(null, null, T0.plusSeconds(1)));
    // when
    steps.complete(id, 1, T0, null, null);
    // then: the terminal event, the one that calls the webhook
    assertThat(published).singleElement().satisfies(j -> assertThat(j.isTerminal()).isTrue());
    assertThat(published.get(0).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void a_final_failure_retried_after_a_crash_publishes_it() {
    // given: attempt 2 of 2 failed; its write is done, its event is not
    jobs.update(job().retry("oom", T0));
    steps.start(id);
    published.clear();
    jobs.update(job().fail("oom again", T0.plusSeconds(1)));
    // when
    steps.attemptFailed(id, 2, T0, "oom again", FailureKind.TRANSIENT);
    // then
    assertThat(statuses()).containsExactly(JobStatus.FAILED);
    assertThat(published.get(0).errorMessage()).isEqualTo("oom again");
  }

  @Test
  void a_failure_retried_after_a_crash_publishes_the_requeue() {
    jobs.update(job().retry("oom", T0));
    steps.attemptFailed(id, 1, T0, "oom", FailureKind.TRANSIENT);
    assertThat(statuses()).containsExactly(JobStatus.QUEUED);
  }

  @Test
  void a_workflow_re_run_that_finds_its_job_completed_publishes_the_end() {
    jobs.update(job().complete(null, null, T0.plusSeconds(1)));
    assertThat(steps.start(id)).isEmpty();
    assertThat(statuses()).containsExactly(JobStatus.COMPLETED);
  }

  @Test
  void a_retried_step_after_a_crash_hands_the_freed_slot_to_a_parked_job() {
    // given: a parked job waits for a slot; the crash came before the slot was handed on
    UUID waiting = jobs.create(JobFixtures.aQueuedJob(T0).build()).job().jobId();
    jobs.park(waiting);
    jobs.update(job().complete(null, null, T0.plusSeconds(1)));
    // when
    steps.complete(id, 1, T0, null, null);
    // then
    assertThat(queue.sent()).extracting(RecordingJobQueue.Sent::jobId).containsExactly(waiting);
  }

  @Test
  void a_step_for_a_job_cancelled_meanwhile_publishes_nothing() {
    jobs.update(job().cancel(T0.plusSeconds(1)));
    steps.complete(id, 1, T0, null, null);
    steps.attemptFailed(id, 1, T0, "late", FailureKind.TRANSIENT);
    assertThat(published).isEmpty();
  }
}
