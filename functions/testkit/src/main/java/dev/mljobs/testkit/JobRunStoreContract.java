package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.job.DuplicateJobRunException;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.RunStatus;
import java.time.Instant;
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
}
