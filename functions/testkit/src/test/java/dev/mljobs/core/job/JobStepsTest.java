package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.JobFixtures;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobStepsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private SettableClock clock;
  private InMemoryJobStore jobs;
  private InMemoryJobRunStore runs;
  private JobSteps steps;
  private UUID id;
  private java.util.List<Job> published;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    jobs = new InMemoryJobStore(clock);
    runs = new InMemoryJobRunStore();
    published = new java.util.concurrent.CopyOnWriteArrayList<>();
    steps = new JobSteps(jobs, runs, published::add, clock, new RecordingJobQueue());
    id = jobs.create(JobFixtures.aQueuedJob(T0).maxAttempts(2).build()).job().jobId();
  }

  private Job job() {
    return jobs.find(id).orElseThrow();
  }

  @Test
  void start_runs_the_next_attempt_and_a_repeated_start_continues_it() {
    Job first = steps.start(id).orElseThrow();
    Job again = steps.start(id).orElseThrow();
    assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(again).isEqualTo(first);
    assertThat(published).extracting(Job::status).containsExactly(JobStatus.RUNNING);
  }

  @Test
  void a_cancelled_or_unknown_job_does_not_start() {
    jobs.update(job().cancel(T0));
    assertThat(steps.start(id)).isEmpty();
    assertThat(steps.start(UUID.randomUUID())).isEmpty();
  }

  @Test
  void completing_records_one_run_even_when_the_step_is_retried() {
    // given
    steps.start(id);
    clock.advance(Duration.ofSeconds(3));
    var result = JsonNodeFactory.instance.objectNode().put("answer", 42);
    // when
    JobSteps.Step done = steps.complete(id, 1, T0, result, null).orElseThrow();
    JobSteps.Step retried = steps.complete(id, 1, T0, result, null).orElseThrow();
    // then
    assertThat(done.changed()).isTrue();
    assertThat(done.job().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.job().result()).isEqualTo(result);
    assertThat(retried.changed()).isFalse();
    assertThat(runs.runsOf(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
              assertThat(r.durationMs()).isEqualTo(3000);
            });
  }

  @Test
  void a_step_retried_after_a_crash_between_the_job_write_and_the_run_write_records_the_run() {
    // given: attempt 1 completed in the job, and the process died before its run was written
    steps.start(id);
    clock.advance(Duration.ofSeconds(2));
    jobs.update(job().complete(null, null, clock.now()));
    // when: Step Functions retries the step
    JobSteps.Step retried = steps.complete(id, 1, T0, null, null).orElseThrow();
    // then: the job is left as it is, and the attempt has its run, ending when the job ended
    assertThat(retried.changed()).isFalse();
    assertThat(runs.runsOf(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
              assertThat(r.durationMs()).isEqualTo(2000);
            });
  }

  @Test
  void a_workflow_re_run_after_a_crash_finds_its_job_completed_and_writes_the_missing_run() {
    // given: attempt 1 completed in the job; the process died before its run was written
    steps.start(id);
    clock.advance(Duration.ofSeconds(4));
    jobs.update(job().complete(null, null, clock.now()));
    // when: the execution runs again from its first step
    assertThat(steps.start(id)).isEmpty();
    // then: the run spans the attempt, from its own start
    assertThat(runs.runsOf(id))
        .extracting(JobRun::attempt, JobRun::status, JobRun::startedAt, JobRun::durationMs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RunStatus.COMPLETED, T0, 4000L));
  }

  @Test
  void a_failure_step_retried_after_a_crash_records_the_failed_run_once() {
    // given: attempt 1's failure was written (queued for a retry), its run was not
    steps.start(id);
    jobs.update(job().retry("out of memory", clock.now()));
    // when: the step is retried, twice
    steps.attemptFailed(id, 1, T0, "out of memory", FailureKind.TRANSIENT);
    steps.attemptFailed(id, 1, T0, "out of memory", FailureKind.TRANSIENT);
    // then
    assertThat(runs.runsOf(id))
        .extracting(JobRun::attempt, JobRun::status, JobRun::error)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RunStatus.FAILED, "out of memory"));
  }

  @Test
  void a_result_arriving_after_a_cancel_changes_nothing() {
    steps.start(id);
    jobs.update(job().cancel(T0.plusSeconds(1)));
    JobSteps.Step step = steps.complete(id, 1, T0, null, null).orElseThrow();
    assertThat(step.changed()).isFalse();
    assertThat(job().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(runs.runsOf(id)).isEmpty();
  }

  @Test
  void a_failed_attempt_is_retried_while_attempts_remain_then_the_job_fails() {
    // given: max_attempts 2
    steps.start(id);
    // when: attempt 1 fails
    JobSteps.Step retry =
        steps.attemptFailed(id, 1, T0, "worker crashed", FailureKind.TRANSIENT).orElseThrow();
    // then: queued again
    assertThat(retry.job().status()).isEqualTo(JobStatus.QUEUED);
    // when: attempt 2 fails
    assertThat(steps.start(id).orElseThrow().attempts()).isEqualTo(2);
    JobSteps.Step last =
        steps.attemptFailed(id, 2, T0, "worker crashed again", FailureKind.TRANSIENT).orElseThrow();
    // then
    assertThat(last.job().status()).isEqualTo(JobStatus.FAILED);
    assertThat(last.job().errorMessage()).isEqualTo("worker crashed again");
    assertThat(published)
        .extracting(Job::status)
        .containsExactly(JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED);
    assertThat(runs.runsOf(id))
        .extracting(JobRun::attempt, JobRun::status, JobRun::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, RunStatus.FAILED, "worker crashed"),
            org.assertj.core.groups.Tuple.tuple(2, RunStatus.FAILED, "worker crashed again"));
  }

  @Test
  void a_permanent_failure_fails_the_job_at_once_though_attempts_remain() {
    // given: max_attempts 2, attempt 1 running
    steps.start(id);
    // when
    JobSteps.Step step =
        steps
            .attemptFailed(id, 1, T0, "s3://b/in.txt does not exist", FailureKind.PERMANENT)
            .orElseThrow();
    // then
    assertThat(step.job().status()).isEqualTo(JobStatus.FAILED);
    assertThat(step.job().attempts()).isEqualTo(1);
    assertThat(step.job().errorMessage()).isEqualTo("s3://b/in.txt does not exist");
    assertThat(runs.runsOf(id))
        .extracting(JobRun::attempt, JobRun::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RunStatus.FAILED));
  }

  @Test
  void an_over_long_reason_is_cut_to_fit_and_the_attempt_is_still_recorded_and_retried() {
    // given
    steps.start(id);
    String reason = "A".repeat(6000) + "Z".repeat(4000);
    // when
    JobSteps.Step step =
        steps.attemptFailed(id, 1, T0, reason, FailureKind.TRANSIENT).orElseThrow();
    // then
    String kept = ErrorMessages.fit(reason);
    assertThat(kept).hasSizeLessThanOrEqualTo(ErrorMessages.MAX_LENGTH);
    assertThat(step.job().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(step.job().errorMessage()).isEqualTo(kept);
    assertThat(runs.runsOf(id)).singleElement().extracting(JobRun::error).isEqualTo(kept);
  }

  @Test
  void a_failure_report_for_another_attempt_is_ignored() {
    steps.start(id);
    JobSteps.Step stale =
        steps.attemptFailed(id, 7, T0, "late", FailureKind.TRANSIENT).orElseThrow();
    assertThat(stale.changed()).isFalse();
    assertThat(job().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(runs.runsOf(id)).isEmpty();
  }

  @Test
  void an_abandoned_job_fails_with_the_reason_but_a_finished_one_stays() {
    steps.start(id);
    assertThat(steps.abandon(id, "workflow broke down").orElseThrow().job().status())
        .isEqualTo(JobStatus.FAILED);
    assertThat(steps.abandon(id, "again").orElseThrow().changed()).isFalse();
    assertThat(job().errorMessage()).isEqualTo("workflow broke down");
  }
}
