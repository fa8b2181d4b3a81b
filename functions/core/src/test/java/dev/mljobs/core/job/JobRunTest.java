package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobRunTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Job RUNNING =
      Job.create(NewJob.of("sleep", null, "alice"), UUID.randomUUID(), T0).enqueue(T0).start(T0);

  @Test
  void a_run_snapshots_the_attempt_and_knows_its_duration() {
    JobRun run = JobRun.completed(RUNNING, "run-1", T0, T0.plusMillis(1500));
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.jobId()).isEqualTo(RUNNING.jobId());
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.durationMs()).isEqualTo(1500);
  }

  @Test
  void a_failed_run_must_say_why() {
    assertThatThrownBy(() -> JobRun.failed(RUNNING, "run-1", T0, T0, null))
        .hasMessage("error is required for a failed run");
    assertThat(JobRun.failed(RUNNING, "run-1", T0, T0, "exit 3").error()).isEqualTo("exit 3");
  }

  @Test
  void a_run_cannot_finish_before_it_started() {
    assertThatThrownBy(() -> JobRun.completed(RUNNING, "run-1", T0, T0.minusSeconds(1)))
        .hasMessage("finished_at must not be before started_at");
  }

  @Test
  void artifacts_must_be_s3_uris() {
    assertThatThrownBy(
            () ->
                new JobRun(
                    "r",
                    RUNNING.jobId(),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    RunStatus.COMPLETED,
                    T0,
                    T0,
                    null,
                    0,
                    null,
                    List.of("/tmp/out.json"),
                    null))
        .hasMessageContaining("artifacts must be s3://bucket/key URIs");
    JobRun ok =
        new JobRun(
            "r",
            RUNNING.jobId(),
            1,
            null,
            null,
            null,
            null,
            null,
            RunStatus.COMPLETED,
            T0,
            T0,
            "w-1",
            0,
            null,
            List.of("s3://results/jobs/1/out.jsonl"),
            "s3://logs/1.log");
    assertThat(ok.artifacts()).containsExactly("s3://results/jobs/1/out.jsonl");
  }

  @Test
  void attempt_numbers_start_at_one() {
    assertThatThrownBy(
            () ->
                new JobRun(
                    "r",
                    RUNNING.jobId(),
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    RunStatus.SKIPPED,
                    T0,
                    T0,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessage("attempt must be at least 1, got 0");
  }
}
