package dev.mljobs.core.group;

import static dev.mljobs.core.job.JobStatus.CANCELLED;
import static dev.mljobs.core.job.JobStatus.COMPLETED;
import static dev.mljobs.core.job.JobStatus.FAILED;
import static dev.mljobs.core.job.JobStatus.PENDING;
import static dev.mljobs.core.job.JobStatus.QUEUED;
import static dev.mljobs.core.job.JobStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobGroupTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final UUID C = UUID.fromString("00000000-0000-4000-8000-00000000000c");

  private static JobGroup group(GroupMode mode) {
    return JobGroup.create("g1", "pipeline", mode, List.of(A, B, C), "alice", T0);
  }

  private static Map<UUID, JobStatus> statuses(JobStatus a, JobStatus b, JobStatus c) {
    return Map.of(A, a, B, b, C, c);
  }

  @Test
  void the_aggregate_status_follows_the_jobs() {
    JobGroup g = group(GroupMode.PARALLEL);
    assertThat(g.aggregate(statuses(PENDING, PENDING, PENDING))).isEqualTo(GroupStatus.CREATED);
    assertThat(g.aggregate(statuses(QUEUED, QUEUED, PENDING))).isEqualTo(GroupStatus.QUEUED);
    assertThat(g.aggregate(statuses(RUNNING, QUEUED, QUEUED))).isEqualTo(GroupStatus.RUNNING);
    assertThat(g.aggregate(statuses(COMPLETED, QUEUED, QUEUED))).isEqualTo(GroupStatus.RUNNING);
    assertThat(g.aggregate(statuses(COMPLETED, COMPLETED, COMPLETED)))
        .isEqualTo(GroupStatus.COMPLETED);
    assertThat(g.aggregate(statuses(COMPLETED, FAILED, COMPLETED))).isEqualTo(GroupStatus.PARTIAL);
    assertThat(g.aggregate(statuses(FAILED, FAILED, FAILED))).isEqualTo(GroupStatus.PARTIAL);
    assertThat(g.aggregate(statuses(CANCELLED, CANCELLED, CANCELLED)))
        .isEqualTo(GroupStatus.CANCELLED);
  }

  @Test
  void observing_stamps_start_and_finish_once() {
    JobGroup running =
        group(GroupMode.PARALLEL).observe(statuses(RUNNING, QUEUED, QUEUED), T0.plusSeconds(1));
    JobGroup stillRunning =
        running.observe(statuses(COMPLETED, RUNNING, QUEUED), T0.plusSeconds(2));
    JobGroup done = stillRunning.observe(statuses(COMPLETED, COMPLETED, FAILED), T0.plusSeconds(3));
    assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(stillRunning.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(done.status()).isEqualTo(GroupStatus.PARTIAL);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(done.observe(statuses(COMPLETED, COMPLETED, COMPLETED), T0.plusSeconds(9)))
        .isEqualTo(done);
  }

  @Test
  void a_parallel_group_releases_every_pending_job_at_once() {
    JobGroup.Plan plan = group(GroupMode.PARALLEL).plan(statuses(PENDING, QUEUED, PENDING));
    assertThat(plan.release()).containsExactly(A, C);
    assertThat(plan.skip()).isEmpty();
  }

  @Test
  void a_sequential_group_releases_the_next_job_only_after_the_previous_completed() {
    JobGroup g = group(GroupMode.SEQUENTIAL);
    assertThat(g.plan(statuses(PENDING, PENDING, PENDING)).release()).containsExactly(A);
    assertThat(g.plan(statuses(RUNNING, PENDING, PENDING)).release()).isEmpty();
    assertThat(g.plan(statuses(COMPLETED, PENDING, PENDING)).release()).containsExactly(B);
    assertThat(g.plan(statuses(COMPLETED, COMPLETED, PENDING)).release()).containsExactly(C);
    assertThat(g.plan(statuses(COMPLETED, COMPLETED, COMPLETED)).release()).isEmpty();
  }

  @Test
  void a_sequential_group_skips_what_follows_a_failure() {
    JobGroup.Plan plan = group(GroupMode.SEQUENTIAL).plan(statuses(COMPLETED, FAILED, PENDING));
    assertThat(plan.release()).isEmpty();
    assertThat(plan.skip()).containsExactly(C);
  }

  @Test
  void cancelling_finishes_the_group() {
    JobGroup cancelled = group(GroupMode.SEQUENTIAL).cancel(T0.plusSeconds(5));
    assertThat(cancelled.status()).isEqualTo(GroupStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void a_group_checks_its_members() {
    assertThatThrownBy(() -> JobGroup.create("g", "n", GroupMode.PARALLEL, List.of(), "a", T0))
        .hasMessage("job_ids must hold 1 to 500 jobs");
    assertThatThrownBy(() -> JobGroup.create("g", "n", GroupMode.PARALLEL, List.of(A, A), "a", T0))
        .hasMessage("job_ids must not repeat a job");
    assertThatThrownBy(() -> group(GroupMode.PARALLEL).aggregate(Map.of(A, QUEUED)))
        .hasMessageContaining("status of job " + B + " of group g1 is missing");
  }
}
