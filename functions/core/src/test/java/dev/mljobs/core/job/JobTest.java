package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

  private static ObjectNode params(String key, int value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  private static Job pending() {
    return Job.create(NewJob.of("sleep", params("seconds", 1), "alice"), ID, T0);
  }

  private static Job running() {
    return pending().enqueue(T0.plusSeconds(1)).start(T0.plusSeconds(2));
  }

  @Test
  void a_job_with_a_callback_url_ends_with_its_webhook_pending_and_one_without_has_none() {
    Job withUrl = running().toBuilder().callbackUrl("https://hooks.example.com/a").build();
    assertThat(withUrl.callback()).isNull();
    assertThat(withUrl.complete(null, null, T0.plusSeconds(3)).callback())
        .isEqualTo(Callback.pending());
    assertThat(withUrl.fail("x", T0.plusSeconds(3)).callback()).isEqualTo(Callback.pending());
    assertThat(withUrl.cancel(T0.plusSeconds(3)).callback()).isEqualTo(Callback.pending());
    assertThat(running().complete(null, null, T0.plusSeconds(3)).callback()).isNull();
    assertThatThrownBy(() -> running().toBuilder().callback(Callback.pending()).build())
        .hasMessage("callback is only set on a terminal job");
  }

  @Test
  void a_callback_error_is_cut_to_its_maximum_length() {
    Callback c = new Callback(Callback.Status.PENDING, 1, "x".repeat(2000));
    assertThat(c.lastError()).hasSize(Callback.MAX_ERROR_LENGTH).endsWith("…");
  }

  @Test
  void a_new_job_is_pending_with_the_documented_defaults() {
    // when
    Job job = pending();
    // then
    assertThat(job.status()).isEqualTo(JobStatus.PENDING);
    assertThat(job.priority()).isEqualTo(5);
    assertThat(job.maxAttempts()).isEqualTo(3);
    assertThat(job.ttlHours()).isEqualTo(24);
    assertThat(job.attempts()).isZero();
    assertThat(job.progress()).isZero();
    assertThat(job.version()).isZero();
    assertThat(job.createdAt()).isEqualTo(T0);
    assertThat(job.updatedAt()).isEqualTo(T0);
    assertThat(job.queuedAt()).isNull();
    assertThat(job.startedAt()).isNull();
    assertThat(job.completedAt()).isNull();
    assertThat(job.expiresAt()).isNull();
    assertThat(job.processingTimeMs()).isNull();
  }

  @Test
  void enqueue_stamps_queued_at() {
    Job queued = pending().enqueue(T0.plusSeconds(1));
    assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(queued.queuedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(queued.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void start_counts_the_attempt_and_stamps_started_at_only_the_first_time() {
    // given
    Job first = running();
    // when
    Job second = first.retry("boom", T0.plusSeconds(5)).start(T0.plusSeconds(9));
    // then
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(second.status()).isEqualTo(JobStatus.RUNNING);
    // each attempt keeps its own start, which progress reports do not move
    assertThat(first.attemptStartedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(second.attemptStartedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(second.reportProgress(50, T0.plusSeconds(20)).currentAttemptStart())
        .isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void retry_requeues_with_the_error_and_resets_progress() {
    Job requeued =
        running().reportProgress(40, T0.plusSeconds(3)).retry("timeout", T0.plusSeconds(4));
    assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(requeued.progress()).isZero();
    assertThat(requeued.errorMessage()).isEqualTo("timeout");
    assertThat(requeued.queuedAt()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void retry_is_refused_once_every_attempt_is_used() {
    // given: max_attempts 1, first attempt running
    Job job = pending().toBuilder().maxAttempts(1).build().enqueue(T0).start(T0.plusSeconds(1));
    // then
    assertThat(job.hasAttemptsLeft()).isFalse();
    assertThatThrownBy(() -> job.retry("boom", T0.plusSeconds(2)))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("all 1 attempts are used");
  }

  @Test
  void completing_stamps_completed_at_and_expiry_counted_from_completion() {
    // given
    Job job = running();
    Instant done = T0.plusSeconds(12);
    // when
    Job completed = job.complete(JsonNodeFactory.instance.objectNode().put("ok", true), null, done);
    // then
    assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(completed.completedAt()).isEqualTo(done);
    assertThat(completed.expiresAt()).isEqualTo(done.plus(Duration.ofHours(24)));
    assertThat(completed.progress()).isEqualTo(100);
    assertThat(completed.result().get("ok").asBoolean()).isTrue();
    assertThat(completed.processingTimeMs()).isEqualTo(10_000L);
  }

  @Test
  void ttl_hours_sets_how_long_a_finished_job_is_kept() {
    Job job = pending().toBuilder().ttlHours(168).build().enqueue(T0).start(T0);
    Job failed = job.fail("bad input", T0.plusSeconds(1));
    assertThat(failed.expiresAt()).isEqualTo(T0.plusSeconds(1).plus(Duration.ofHours(168)));
    assertThat(failed.isExpiredAt(failed.expiresAt().minusMillis(1))).isFalse();
    assertThat(failed.isExpiredAt(failed.expiresAt())).isTrue();
  }

  @Test
  void a_running_job_can_be_cancelled() {
    Job cancelled = running().cancel(T0.plusSeconds(3));
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(cancelled.completedAt()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void terminal_jobs_never_change_again() {
    Instant later = T0.plusSeconds(100);
    Job completed = running().complete(null, null, T0.plusSeconds(5));
    Job failed = running().fail("x", T0.plusSeconds(5));
    Job cancelled = pending().cancel(T0.plusSeconds(5));
    Job skipped = pending().skip("previous job failed", T0.plusSeconds(5));
    for (Job terminal : new Job[] {completed, failed, cancelled, skipped}) {
      assertThat(terminal.isTerminal()).isTrue();
      assertThatThrownBy(() -> terminal.enqueue(later))
          .isInstanceOf(IllegalJobTransitionException.class);
      assertThatThrownBy(() -> terminal.start(later))
          .isInstanceOf(IllegalJobTransitionException.class);
      assertThatThrownBy(() -> terminal.complete(null, null, later))
          .isInstanceOf(IllegalJobTransitionException.class);
      assertThatThrownBy(() -> terminal.fail("y", later))
          .isInstanceOf(IllegalJobTransitionException.class);
      assertThatThrownBy(() -> terminal.cancel(later))
          .isInstanceOf(IllegalJobTransitionException.class)
          .hasMessageContaining("cannot move from " + terminal.status() + " to cancelled");
      assertThatThrownBy(() -> terminal.reportProgress(50, later))
          .isInstanceOf(IllegalJobTransitionException.class);
    }
  }

  @Test
  void a_pending_job_cannot_start_without_being_queued() {
    assertThatThrownBy(() -> pending().start(T0))
        .isInstanceOf(IllegalJobTransitionException.class)
        .satisfies(
            e -> {
              IllegalJobTransitionException t = (IllegalJobTransitionException) e;
              assertThat(t.from()).isEqualTo(JobStatus.PENDING);
              assertThat(t.to()).isEqualTo(JobStatus.RUNNING);
              assertThat(t.jobId()).isEqualTo(ID);
            });
  }

  @Test
  void progress_is_accepted_only_while_running_and_only_from_0_to_100() {
    Job job = running();
    assertThat(job.reportProgress(55, T0.plusSeconds(3)).progress()).isEqualTo(55);
    assertThatThrownBy(() -> job.reportProgress(101, T0))
        .hasMessage("progress must be between 0 and 100, got 101");
    assertThatThrownBy(() -> pending().enqueue(T0).reportProgress(10, T0))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("only accepted while running");
  }

  @Test
  void long_error_messages_are_cut_to_the_limit() {
    String huge = "head " + "e".repeat(10_000) + " tail";
    Job failed = running().fail(huge, T0.plusSeconds(3));
    assertThat(failed.errorMessage())
        .isEqualTo(ErrorMessages.fit(huge))
        .hasSizeLessThanOrEqualTo(Job.MAX_ERROR_LENGTH)
        .startsWith("head ")
        .endsWith(" tail")
        .contains("characters left out");
    Job retried = running().retry(huge, T0.plusSeconds(3));
    assertThat(retried.errorMessage()).isEqualTo(ErrorMessages.fit(huge));
  }

  @Test
  void params_cannot_be_changed_from_outside() {
    ObjectNode given = params("seconds", 1);
    Job job = Job.create(NewJob.of("sleep", given, "alice"), ID, T0);
    given.put("seconds", 99);
    job.params().put("seconds", 42);
    assertThat(job.params().get("seconds").asInt()).isEqualTo(1);
  }

  @Test
  void invalid_values_are_refused_naming_the_field() {
    JobBuilder ok = pending().toBuilder();
    assertThatThrownBy(() -> ok.priority(11).build())
        .hasMessage("priority must be between 0 and 10, got 11");
    assertThatThrownBy(() -> pending().toBuilder().ttlHours(0).build())
        .hasMessage("ttl_hours must be between 1 and 168, got 0");
    assertThatThrownBy(() -> pending().toBuilder().maxAttempts(11).build())
        .hasMessage("max_attempts must be between 1 and 10, got 11");
    assertThatThrownBy(() -> pending().toBuilder().timeoutSeconds(0).build())
        .hasMessageStartingWith("timeout_seconds must be between 1 and");
    assertThatThrownBy(() -> pending().toBuilder().jobType("Bad Type").build())
        .hasMessageStartingWith("job_type must be");
    assertThatThrownBy(() -> pending().toBuilder().owner(" ").build())
        .hasMessage("owner is required and must not be blank");
    assertThatThrownBy(() -> pending().toBuilder().jobId(null).build())
        .hasMessage("job_id is required");
    assertThatThrownBy(() -> pending().toBuilder().groupId("has space").build())
        .hasMessageStartingWith("group_id must be");
  }

  @Test
  void the_status_and_timestamps_must_agree() {
    assertThatThrownBy(() -> pending().toBuilder().status(JobStatus.COMPLETED).build())
        .hasMessage("completed_at is set exactly when the job is terminal");
    assertThatThrownBy(() -> pending().toBuilder().status(JobStatus.RUNNING).build())
        .hasMessage("started_at is required for a running job");
    assertThatThrownBy(
            () -> pending().toBuilder().result(JsonNodeFactory.instance.textNode("x")).build())
        .hasMessage("result is only allowed on a completed job");
  }

  @Test
  void new_job_requests_check_their_fields() {
    assertThatThrownBy(
            () ->
                new NewJob("sleep", null, -1, 3, null, 24, null, null, null, null, "a", null, null))
        .hasMessage("priority must be between 0 and 10, got -1");
    assertThatThrownBy(
            () -> new NewJob(null, null, 5, 3, null, 24, null, null, null, null, "a", null, null))
        .hasMessage("job_type is required");
    assertThatThrownBy(
            () ->
                new NewJob(
                    "sleep",
                    null,
                    5,
                    3,
                    null,
                    24,
                    "k".repeat(1025),
                    null,
                    null,
                    null,
                    "a",
                    null,
                    null))
        .hasMessage("idempotency_key must be at most 1024 bytes (UTF-8), got 1025");
  }
}
