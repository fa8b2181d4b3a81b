package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.job.DuplicateJobRunException;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.RunPage;
import dev.mljobs.core.job.RunQuery;
import dev.mljobs.core.job.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobRunStore} must do; run against the fake and against DynamoDB Local. */
public abstract class JobRunStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.5Z");

  protected JobRunStore store;

  /** A new, empty store. */
  protected abstract JobRunStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static JobRun run(UUID jobId, int attempt, RunStatus status, String error) {
    return new JobRun(
        "run-" + attempt,
        jobId,
        attempt,
        JsonNodeFactory.instance.objectNode().put("seconds", attempt),
        "tpl-1",
        "sch-1",
        "grp-1",
        "alice",
        status,
        T0.plusSeconds(attempt * 10L),
        T0.plusSeconds(attempt * 10L + 3),
        "worker-" + attempt,
        status == RunStatus.FAILED ? 2 : 0,
        error,
        List.of("s3://results/" + jobId + "/" + attempt + ".jsonl"),
        "s3://logs/" + jobId + "/" + attempt + ".log");
  }

  @Test
  void runs_are_read_back_whole_in_attempt_order() {
    // given
    UUID jobId = UUID.randomUUID();
    JobRun third = run(jobId, 3, RunStatus.COMPLETED, null);
    JobRun first = run(jobId, 1, RunStatus.FAILED, "exit 2: out of memory");
    JobRun second = run(jobId, 2, RunStatus.FAILED, "timeout after 600 s");
    // when
    store.record(third);
    store.record(first);
    store.record(second);
    store.record(run(UUID.randomUUID(), 1, RunStatus.COMPLETED, null));
    // then
    assertThat(store.runsOf(jobId)).containsExactly(first, second, third);
  }

  @Test
  void a_run_is_written_once() {
    // given
    UUID jobId = UUID.randomUUID();
    JobRun original = run(jobId, 1, RunStatus.FAILED, "boom");
    store.record(original);
    // when / then
    assertThatThrownBy(() -> store.record(run(jobId, 1, RunStatus.COMPLETED, null)))
        .isInstanceOf(DuplicateJobRunException.class)
        .hasMessageContaining("attempt 1");
    assertThat(store.runsOf(jobId)).containsExactly(original);
  }

  @Test
  void an_unknown_job_has_no_runs() {
    assertThat(store.runsOf(UUID.randomUUID())).isEmpty();
  }

  /** A run of {@code owner}'s job, finished {@code minute} minutes after T0. */
  private static JobRun runOf(
      String owner, String template, String schedule, String group, RunStatus status, int minute) {
    UUID jobId = UUID.randomUUID();
    return new JobRun(
        jobId + ":1",
        jobId,
        1,
        null,
        template,
        schedule,
        group,
        owner,
        status,
        T0.plusSeconds(60L * minute - 30),
        T0.plusSeconds(60L * minute),
        null,
        null,
        status == RunStatus.FAILED ? "boom" : null,
        null,
        null);
  }

  @Test
  void an_owners_runs_are_listed_newest_first_across_jobs_in_pages() {
    // given
    List<JobRun> alices = new ArrayList<>();
    for (int minute = 1; minute <= 5; minute++) {
      JobRun run = runOf("alice", "t", null, null, RunStatus.COMPLETED, minute);
      store.record(run);
      alices.add(0, run);
    }
    store.record(runOf("bob", "t", null, null, RunStatus.COMPLETED, 9));
    // when
    List<JobRun> seen = new ArrayList<>();
    RunQuery query = RunQuery.byOwner("alice").withLimit(2);
    RunPage page;
    do {
      page = store.list(query);
      assertThat(page.runs()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(page.runs());
      query = query.after(page.next());
    } while (page.next() != null);
    // then
    assertThat(seen).containsExactlyElementsOf(alices);
    assertThat(store.list(RunQuery.byOwner("carol")).runs()).isEmpty();
  }

  @Test
  void runs_are_filtered_by_template_schedule_group_and_status() {
    // given
    JobRun templated = runOf("alice", "t1", null, null, RunStatus.COMPLETED, 1);
    JobRun scheduled = runOf("alice", "t1", "s1", null, RunStatus.FAILED, 2);
    JobRun grouped = runOf("alice", null, null, "g1", RunStatus.CANCELLED, 3);
    JobRun bobs = runOf("bob", "t1", "s1", "g1", RunStatus.FAILED, 4);
    for (JobRun run : List.of(templated, scheduled, grouped, bobs)) {
      store.record(run);
    }
    RunQuery alice = RunQuery.byOwner("alice");
    // then
    assertThat(store.list(alice.withTemplate("t1")).runs()).containsExactly(scheduled, templated);
    assertThat(store.list(alice.withSchedule("s1")).runs()).containsExactly(scheduled);
    assertThat(store.list(alice.withGroup("g1")).runs()).containsExactly(grouped);
    assertThat(store.list(alice.withStatus(RunStatus.FAILED)).runs()).containsExactly(scheduled);
    assertThat(store.list(alice.withTemplate("t1").withStatus(RunStatus.COMPLETED)).runs())
        .containsExactly(templated);
    assertThat(
            store
                .list(alice.withTemplate("t1").withLimit(1).after(RunQuery.cursorAfter(scheduled)))
                .runs())
        .containsExactly(templated);
  }

  @Test
  void a_filtered_listing_pages_past_runs_that_do_not_match() {
    for (int minute = 1; minute <= 6; minute++) {
      RunStatus status = minute == 1 || minute == 6 ? RunStatus.FAILED : RunStatus.COMPLETED;
      store.record(runOf("alice", null, null, null, status, minute));
    }
    RunQuery failed = RunQuery.byOwner("alice").withStatus(RunStatus.FAILED).withLimit(1);
    RunPage first = store.list(failed);
    assertThat(first.runs()).hasSize(1);
    assertThat(first.next()).isNotNull();
    RunPage second = store.list(failed.after(first.next()));
    assertThat(second.runs()).hasSize(1);
    assertThat(second.runs().get(0).finishedAt()).isBefore(first.runs().get(0).finishedAt());
    assertThat(second.next()).isNull();
  }
}
