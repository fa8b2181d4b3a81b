package dev.mljobs.testkit;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.Workflows;
import dev.mljobs.core.job.Workflows.Start;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Workflows} must do: at most one workflow per job, however often it is started;
 * a stopped workflow stays stopped and is never started again; stopping what is not running does
 * nothing; an unreachable service throws. Run against the recording fake and against the local Step
 * Functions server through the SFN client.
 */
public abstract class WorkflowsContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  protected Workflows workflows;

  /** Workflows whose executions run until stopped. */
  protected abstract Workflows newWorkflows();

  /** Workflows whose service cannot be reached. */
  protected abstract Workflows unreachableWorkflows();

  /** Whether the job's workflow is running now (a stop may take effect asynchronously). */
  protected abstract boolean running(UUID jobId);

  /** How many workflows were ever started for the job. */
  protected abstract int workflowsOf(UUID jobId);

  @BeforeEach
  void freshWorkflows() {
    workflows = newWorkflows();
  }

  @Test
  void starting_a_job_starts_one_running_workflow() {
    Job job = aQueuedJob(T0).build();
    assertThat(workflows.start(job)).isEqualTo(Start.STARTED);
    assertThat(running(job.jobId())).isTrue();
    assertThat(workflowsOf(job.jobId())).isEqualTo(1);
  }

  @Test
  void starting_a_running_job_again_starts_nothing() {
    // given
    Job job = aQueuedJob(T0).build();
    workflows.start(job);
    // when: a redelivered dispatch message
    Start again = workflows.start(job);
    // then: never a second workflow. Step Functions answers a repeated start of a running
    // execution with the same input as it answered the first, hence STARTED is allowed too.
    assertThat(again).isIn(Start.ALREADY_RUNNING, Start.STARTED);
    assertThat(workflowsOf(job.jobId())).isEqualTo(1);
    assertThat(running(job.jobId())).isTrue();
  }

  @Test
  void a_stopped_workflow_stops_and_is_never_started_again() {
    // given
    Job job = aQueuedJob(T0).build();
    workflows.start(job);
    // when
    workflows.stop(job.jobId(), "cancelled by alice");
    // then
    patiently("the workflow stops").until(() -> !running(job.jobId()));
    assertThat(workflows.start(job)).isEqualTo(Start.ALREADY_FINISHED);
    assertThat(running(job.jobId())).isFalse();
    assertThat(workflowsOf(job.jobId())).isEqualTo(1);
  }

  @Test
  void stopping_a_job_that_has_no_workflow_does_nothing() {
    UUID never = UUID.randomUUID();
    workflows.stop(never, "cancelled by alice");
    assertThat(running(never)).isFalse();
    assertThat(workflowsOf(never)).isZero();
  }

  @Test
  void stopping_a_stopped_workflow_again_does_nothing() {
    Job job = aQueuedJob(T0).build();
    workflows.start(job);
    workflows.stop(job.jobId(), "cancelled by alice");
    workflows.stop(job.jobId(), "cancelled by alice");
    patiently("the workflow stops").until(() -> !running(job.jobId()));
    assertThat(workflowsOf(job.jobId())).isEqualTo(1);
  }

  @Test
  void workflows_of_other_jobs_are_left_alone() {
    Job stopped = aQueuedJob(T0).build();
    Job other = aQueuedJob(T0).build();
    workflows.start(stopped);
    workflows.start(other);
    workflows.stop(stopped.jobId(), "cancelled by alice");
    patiently("the workflow stops").until(() -> !running(stopped.jobId()));
    assertThat(running(other.jobId())).isTrue();
  }

  @Test
  void a_service_that_cannot_be_reached_throws() {
    Workflows broken = unreachableWorkflows();
    Job job = aQueuedJob(T0).build();
    assertThatThrownBy(() -> broken.start(job)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> broken.stop(job.jobId(), "cancelled by alice"))
        .isInstanceOf(RuntimeException.class);
  }
}
