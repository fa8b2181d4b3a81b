package dev.mljobs.core.group;

import static dev.mljobs.core.job.JobStatus.CANCELLED;
import static dev.mljobs.core.job.JobStatus.COMPLETED;
import static dev.mljobs.core.job.JobStatus.FAILED;
import static dev.mljobs.core.job.JobStatus.PENDING;
import static dev.mljobs.core.job.JobStatus.QUEUED;
import static dev.mljobs.core.job.JobStatus.RUNNING;
import static dev.mljobs.core.job.JobStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobGroupTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
  private static final UUID C = UUID.fromString("00000000-0000-4000-8000-00000000000c");
  private static final String ID = "6b1f7f52-5d55-4c1e-9a49-0b8b7d0f0a11";

  private static JobGroup group(GroupMode mode, boolean stopOnFailure) {
    return JobGroup.create(ID, "pipeline", mode, stopOnFailure, List.of(A, B, C), "alice", T0);
  }

  /** The group after its members reached these statuses, each at job version 10. */
  private static JobGroup with(JobGroup g, JobStatus a, JobStatus b, JobStatus c) {
    return g.observe(A, a, 10, T0.plusSeconds(1))
        .observe(B, b, 10, T0.plusSeconds(2))
        .observe(C, c, 10, T0.plusSeconds(3));
  }

  private static GroupStatus derived(JobStatus a, JobStatus b, JobStatus c) {
    return JobGroup.derive(
        List.of(new GroupMember(A, a, 1), new GroupMember(B, b, 1), new GroupMember(C, c, 1)),
        false);
  }

  @Test
  void the_status_is_derived_from_the_members() {
    assertThat(derived(PENDING, PENDING, PENDING)).isEqualTo(GroupStatus.QUEUED);
    assertThat(derived(QUEUED, QUEUED, PENDING)).isEqualTo(GroupStatus.QUEUED);
    assertThat(derived(RUNNING, QUEUED, QUEUED)).isEqualTo(GroupStatus.RUNNING);
    assertThat(derived(COMPLETED, PENDING, PENDING)).isEqualTo(GroupStatus.RUNNING);
    assertThat(derived(COMPLETED, COMPLETED, COMPLETED)).isEqualTo(GroupStatus.COMPLETED);
    assertThat(derived(COMPLETED, SKIPPED, COMPLETED)).isEqualTo(GroupStatus.COMPLETED);
    assertThat(derived(COMPLETED, FAILED, SKIPPED)).isEqualTo(GroupStatus.PARTIAL);
    assertThat(derived(COMPLETED, CANCELLED, COMPLETED)).isEqualTo(GroupStatus.PARTIAL);
    assertThat(derived(FAILED, FAILED, FAILED)).isEqualTo(GroupStatus.FAILED);
    assertThat(derived(FAILED, SKIPPED, SKIPPED)).isEqualTo(GroupStatus.FAILED);
    assertThat(derived(CANCELLED, CANCELLED, SKIPPED)).isEqualTo(GroupStatus.CANCELLED);
  }

  @Test
  void observing_stamps_start_and_finish_once() {
    JobGroup running = group(GroupMode.PARALLEL, false).observe(A, RUNNING, 3, T0.plusSeconds(1));
    JobGroup done = with(running, COMPLETED, COMPLETED, FAILED);
    assertThat(running.status()).isEqualTo(GroupStatus.RUNNING);
    assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(done.status()).isEqualTo(GroupStatus.PARTIAL);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void a_change_is_taken_once_and_never_from_an_older_version() {
    JobGroup ended = group(GroupMode.SEQUENTIAL, false).observe(A, COMPLETED, 5, T0);
    // the same end again, a late running from before it, and a newer version of an ended member
    assertThat(ended.observe(A, COMPLETED, 5, T0.plusSeconds(1))).isSameAs(ended);
    assertThat(ended.observe(A, RUNNING, 4, T0.plusSeconds(1))).isSameAs(ended);
    assertThat(ended.observe(A, FAILED, 9, T0.plusSeconds(1))).isSameAs(ended);
    assertThat(ended.observe(UUID.randomUUID(), FAILED, 9, T0)).isSameAs(ended);
  }

  @Test
  void a_parallel_group_releases_every_pending_member_at_once() {
    JobGroup.Plan plan = group(GroupMode.PARALLEL, false).plan();
    assertThat(plan.release()).containsExactly(A, B, C);
    assertThat(plan.skip()).isEmpty();
  }

  @Test
  void a_sequential_group_releases_the_next_member_only_when_the_previous_ended() {
    JobGroup g = group(GroupMode.SEQUENTIAL, false);
    assertThat(g.plan().release()).containsExactly(A);
    assertThat(with(g, QUEUED, PENDING, PENDING).plan().isEmpty()).isTrue();
    assertThat(with(g, RUNNING, PENDING, PENDING).plan().isEmpty()).isTrue();
    assertThat(with(g, COMPLETED, PENDING, PENDING).plan().release()).containsExactly(B);
    assertThat(with(g, COMPLETED, COMPLETED, PENDING).plan().release()).containsExactly(C);
    assertThat(with(g, COMPLETED, COMPLETED, COMPLETED).plan().isEmpty()).isTrue();
  }

  @Test
  void without_stop_on_failure_a_sequential_group_goes_on_after_a_failure() {
    JobGroup.Plan plan = with(group(GroupMode.SEQUENTIAL, false), FAILED, PENDING, PENDING).plan();
    assertThat(plan.release()).containsExactly(B);
    assertThat(plan.skip()).isEmpty();
  }

  @Test
  void with_stop_on_failure_a_failure_skips_pending_members_and_cancels_released_ones() {
    JobGroup.Plan sequential =
        with(group(GroupMode.SEQUENTIAL, true), COMPLETED, FAILED, PENDING).plan();
    assertThat(sequential.release()).isEmpty();
    assertThat(sequential.skip()).containsExactly(C);
    JobGroup.Plan parallel = with(group(GroupMode.PARALLEL, true), FAILED, RUNNING, QUEUED).plan();
    assertThat(parallel.cancel()).containsExactly(B, C);
  }

  @Test
  void a_cancelled_group_is_cancelled_at_once_and_cancels_every_member_not_ended() {
    JobGroup g = with(group(GroupMode.SEQUENTIAL, false), COMPLETED, RUNNING, PENDING);
    JobGroup cancelled = g.cancel(T0.plusSeconds(5));
    assertThat(cancelled.status()).isEqualTo(GroupStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(cancelled.plan().cancel()).containsExactly(B, C);
    assertThat(cancelled.cancel(T0.plusSeconds(9))).isSameAs(cancelled);
  }

  @Test
  void reordering_moves_only_members_not_started() {
    JobGroup g = with(group(GroupMode.SEQUENTIAL, false), RUNNING, PENDING, PENDING);
    assertThat(g.reorder(List.of(C, B)).members())
        .extracting(GroupMember::jobId)
        .containsExactly(A, C, B);
    assertThatThrownBy(() -> g.reorder(List.of(C, A)))
        .isInstanceOf(GroupConflictException.class)
        .hasMessageContaining(A + " has started");
    assertThatThrownBy(() -> g.reorder(List.of(C)))
        .isInstanceOf(GroupConflictException.class)
        .hasMessageContaining("each of the 2 members not yet started once");
    assertThatThrownBy(() -> g.reorder(List.of(C, C))).isInstanceOf(GroupConflictException.class);
  }

  @Test
  void a_group_checks_its_members_and_its_status() {
    assertThatThrownBy(
            () -> JobGroup.create(ID, "n", GroupMode.PARALLEL, false, List.of(), "a", T0))
        .hasMessage("jobs must hold 1 to 1000 jobs");
    assertThatThrownBy(
            () -> JobGroup.create(ID, "n", GroupMode.PARALLEL, false, List.of(A, A), "a", T0))
        .hasMessage("jobs must not repeat a job");
    JobGroup g = group(GroupMode.PARALLEL, false);
    assertThatThrownBy(
            () ->
                new JobGroup(
                    ID,
                    null,
                    GroupMode.PARALLEL,
                    false,
                    g.members(),
                    false,
                    GroupStatus.COMPLETED,
                    "a",
                    T0,
                    null,
                    T0,
                    0))
        .hasMessage("status completed does not follow from the members");
  }
}
