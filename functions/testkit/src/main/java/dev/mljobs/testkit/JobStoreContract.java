package dev.mljobs.testkit;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobBuilder;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.job.TerminalJobException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do. Subclasses provide a fresh, empty store per test; the
 * in-memory fake and the DynamoDB adapter both run it, so the fake cannot drift from the real
 * thing.
 */
public abstract class JobStoreContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  protected SettableClock clock;
  protected JobStore store;

  /** A new, empty store that judges expiry by {@code clock}. */
  protected abstract JobStore newStore(SettableClock clock);

  @BeforeEach
  void freshStore() {
    clock = new SettableClock(T0);
    store = newStore(clock);
  }

  private Job stored(JobBuilder job) {
    return store.create(job.build()).job();
  }

  @Test
  void a_created_job_is_stored_at_version_1_with_every_field() {
    // given
    Job job =
        aQueuedJob(T0)
            .priority(9)
            .timeoutSeconds(600)
            .ttlHours(48)
            .templateId("tpl-1")
            .scheduleId("sch-1")
            .groupId("grp-1")
            .traceId("Root=1-abc")
            .callbackUrl("https://hooks.example.com/jobs?token=abc")
            .params(
                JsonNodeFactory.instance.objectNode().put("text", "héllo \"world\"").put("n", 1.5))
            .build();
    // when
    JobStore.Created created = store.create(job);
    // then
    assertThat(created.created()).isTrue();
    assertThat(created.job()).isEqualTo(job.toBuilder().version(1).build());
    assertThat(store.find(job.jobId())).contains(created.job());
  }

  @Test
  void an_unknown_id_is_not_found() {
    assertThat(store.find(UUID.randomUUID())).isEmpty();
    Job neverStored = aQueuedJob(T0).version(3).build();
    assertThatThrownBy(() -> store.update(neverStored)).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void a_job_id_is_stored_only_once() {
    Job job = aQueuedJob(T0).build();
    store.create(job);
    assertThatThrownBy(() -> store.create(job))
        .isInstanceOf(ConcurrentJobModificationException.class);
    assertThatThrownBy(() -> store.create(job.toBuilder().version(1).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 0");
  }

  @Test
  void an_update_increments_the_version_and_is_read_back() {
    // given
    Job job = stored(aQueuedJob(T0));
    // when
    Job running = store.update(job.start(T0.plusSeconds(1)));
    Job progressed = store.update(running.reportProgress(30, T0.plusSeconds(2)));
    // then
    assertThat(running.version()).isEqualTo(2);
    assertThat(progressed.version()).isEqualTo(3);
    assertThat(store.find(job.jobId())).contains(progressed);
    assertThat(progressed.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(progressed.progress()).isEqualTo(30);
    assertThat(store.find(job.jobId()).orElseThrow().attemptStartedAt())
        .as("the attempt's own start, kept across progress reports")
        .isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void a_write_based_on_a_stale_read_is_refused() {
    // given: two readers of version 1
    Job readByA = stored(aQueuedJob(T0));
    Job readByB = store.find(readByA.jobId()).orElseThrow();
    store.update(readByA.start(T0.plusSeconds(1)));
    // when / then
    assertThatThrownBy(() -> store.update(readByB.cancel(T0.plusSeconds(2))))
        .isInstanceOf(ConcurrentJobModificationException.class)
        .hasMessageContaining(readByA.jobId().toString());
    assertThat(store.find(readByA.jobId()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void of_two_concurrent_writers_exactly_one_wins() throws Exception {
    // given
    Job job = stored(aQueuedJob(T0));
    CountDownLatch go = new CountDownLatch(1);
    Callable<Object> start =
        () -> {
          go.await();
          return attempt(() -> store.update(job.start(T0.plusSeconds(1))));
        };
    Callable<Object> cancel =
        () -> {
          go.await();
          return attempt(() -> store.update(job.cancel(T0.plusSeconds(1))));
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Object> a = pool.submit(start);
      Future<Object> b = pool.submit(cancel);
      // when
      go.countDown();
      List<Object> outcomes = List.of(a.get(), b.get());
      // then
      assertThat(outcomes).filteredOn(o -> o instanceof Job).hasSize(1);
      // the loser learns that the job changed under it (or, if the winner cancelled, that it ended)
      assertThat(outcomes)
          .filteredOn(
              o ->
                  o instanceof ConcurrentJobModificationException
                      || o instanceof TerminalJobException)
          .hasSize(1);
      Job winner = (Job) outcomes.stream().filter(o -> o instanceof Job).findFirst().orElseThrow();
      assertThat(store.find(job.jobId())).contains(winner);
      assertThat(winner.version()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object attempt(Callable<Job> write) {
    try {
      return write.call();
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void a_terminal_job_refuses_every_further_write() {
    // given
    Job running = store.update(stored(aQueuedJob(T0)).start(T0.plusSeconds(1)));
    Job completed = store.update(running.complete(null, null, T0.plusSeconds(2)));
    // when a writer bypasses the lifecycle rules with the current version
    Job forged = completed.toBuilder().progress(5).build();
    // then storage itself refuses
    assertThatThrownBy(() -> store.update(forged))
        .isInstanceOf(TerminalJobException.class)
        .hasMessageContaining("is completed and can no longer change");
    // and a writer holding an older read is told the job is terminal
    assertThatThrownBy(() -> store.update(running.cancel(T0.plusSeconds(3))))
        .isInstanceOf(TerminalJobException.class);
    assertThat(store.find(running.jobId())).contains(completed);
  }

  @Test
  void a_finished_job_with_a_callback_url_is_stored_with_a_pending_callback() {
    // given
    Job running =
        store.update(stored(aQueuedJob(T0).callbackUrl("https://hooks.example.com/a")).start(T0));
    // when
    Job failed = store.update(running.fail("broken", T0.plusSeconds(1)));
    // then
    assertThat(failed.callback()).isEqualTo(Callback.pending());
    assertThat(store.find(running.jobId()).orElseThrow().callback()).isEqualTo(Callback.pending());
  }

  @Test
  void recording_a_callback_changes_only_the_callback_and_never_goes_backwards() {
    // given
    Job running =
        store.update(stored(aQueuedJob(T0).callbackUrl("https://hooks.example.com/a")).start(T0));
    Job done = store.update(running.complete(null, null, T0.plusSeconds(1)));
    Callback retried = new Callback(Callback.Status.PENDING, 1, "HTTP 500");
    Callback delivered = new Callback(Callback.Status.DELIVERED, 2, null);
    // when
    boolean first = store.recordCallback(done.jobId(), retried);
    boolean second = store.recordCallback(done.jobId(), delivered);
    boolean late = store.recordCallback(done.jobId(), retried);
    // then
    assertThat(List.of(first, second, late)).containsExactly(true, true, false);
    Job stored = store.find(done.jobId()).orElseThrow();
    assertThat(stored.callback()).isEqualTo(delivered);
    assertThat(stored.toBuilder().callback(Callback.pending()).build()).isEqualTo(done);
    assertThat(stored.version()).isEqualTo(done.version());
  }

  @Test
  void a_settled_callback_is_never_moved_back_even_by_a_write_at_the_same_attempt() {
    // given: two try chains of one webhook (a repeated announcement, an SQS redelivery); one
    // delivered at attempt 2, the other failed that try and would schedule a third
    Job running =
        store.update(stored(aQueuedJob(T0).callbackUrl("https://hooks.example.com/a")).start(T0));
    Job done = store.update(running.complete(null, null, T0.plusSeconds(1)));
    Callback delivered = new Callback(Callback.Status.DELIVERED, 2, null);
    Callback failedToo = new Callback(Callback.Status.FAILED, 2, "HTTP 404");
    store.recordCallback(done.jobId(), new Callback(Callback.Status.PENDING, 1, "HTTP 500"));
    assertThat(store.recordCallback(done.jobId(), delivered)).isTrue();
    // when
    boolean sameAttempt =
        store.recordCallback(done.jobId(), new Callback(Callback.Status.PENDING, 2, "HTTP 503"));
    boolean later =
        store.recordCallback(done.jobId(), new Callback(Callback.Status.PENDING, 3, "timed out"));
    boolean otherOutcome = store.recordCallback(done.jobId(), failedToo);
    // then
    assertThat(List.of(sameAttempt, later, otherOutcome)).containsOnly(false);
    assertThat(store.find(done.jobId()).orElseThrow().callback()).isEqualTo(delivered);
  }

  @Test
  void a_callback_is_recorded_only_on_a_stored_terminal_job() {
    Job queued = stored(aQueuedJob(T0));
    Callback delivered = new Callback(Callback.Status.DELIVERED, 1, null);
    assertThatThrownBy(() -> store.recordCallback(UUID.randomUUID(), delivered))
        .isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> store.recordCallback(queued.jobId(), delivered))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(queued.jobId()).orElseThrow()).isEqualTo(queued);
  }

  @Test
  void the_same_idempotency_key_of_the_same_owner_returns_the_first_job() {
    // given
    Job first = stored(aQueuedJob(T0).idempotencyKey("order-42"));
    // when
    JobStore.Created again =
        store.create(aQueuedJob(T0.plusSeconds(1)).idempotencyKey("order-42").build());
    JobStore.Created otherOwner =
        store.create(aQueuedJob(T0.plusSeconds(2)).idempotencyKey("order-42").owner("bob").build());
    // then
    assertThat(again.created()).isFalse();
    assertThat(again.job()).isEqualTo(first);
    assertThat(otherOwner.created()).isTrue();
    assertThat(otherOwner.job().jobId()).isNotEqualTo(first.jobId());
    assertThat(store.findByIdempotencyKey("alice", "order-42")).contains(first);
    assertThat(store.findByIdempotencyKey("alice", "order-43")).isEmpty();
    assertThat(store.list(JobQuery.byOwner("alice")).jobs()).containsExactly(first);
  }

  @Test
  void an_idempotency_key_of_the_bound_in_bytes_is_kept_and_a_longer_one_is_simply_not_found() {
    // given: 512 two-byte characters, exactly the bound of the key's storage
    String longest = "\u00e9".repeat(KeyLimits.IDEMPOTENCY_KEY_BYTES / 2);
    Job first = stored(aQueuedJob(T0).idempotencyKey(longest));
    // when
    JobStore.Created again =
        store.create(aQueuedJob(T0.plusSeconds(1)).idempotencyKey(longest).build());
    // then
    assertThat(again.created()).isFalse();
    assertThat(store.findByIdempotencyKey("alice", longest)).contains(first);
    assertThat(store.findByIdempotencyKey("alice", longest + "k")).isEmpty();
  }

  @Test
  void an_idempotency_key_is_free_again_once_its_job_expired() {
    // given: a job with the key that completed and expired
    Job first = stored(aQueuedJob(T0).idempotencyKey("k").ttlHours(1));
    Job done = store.update(store.update(first.start(T0)).complete(null, null, T0.plusSeconds(1)));
    clock.set(done.expiresAt().plusSeconds(1));
    // when
    JobStore.Created second = store.create(aQueuedJob(clock.now()).idempotencyKey("k").build());
    // then
    assertThat(second.created()).isTrue();
    assertThat(store.findByIdempotencyKey("alice", "k")).contains(second.job());
  }

  @Test
  void expired_jobs_are_never_returned() {
    // given
    Job job = stored(aQueuedJob(T0).ttlHours(2));
    Job failed = store.update(store.update(job.start(T0)).fail("boom", T0.plusSeconds(10)));
    assertThat(failed.expiresAt()).isEqualTo(T0.plusSeconds(10).plus(Duration.ofHours(2)));
    // when
    clock.set(failed.expiresAt().minusMillis(1));
    boolean visibleBefore = store.find(job.jobId()).isPresent();
    clock.set(failed.expiresAt());
    // then
    assertThat(visibleBefore).isTrue();
    assertThat(store.find(job.jobId())).isEmpty();
    assertThat(store.list(JobQuery.byOwner("alice")).jobs()).isEmpty();
  }

  @Test
  void listing_pages_newest_first_with_a_cursor_until_the_end() {
    // given: 7 jobs one second apart
    List<Job> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(stored(aQueuedJob(T0.plusSeconds(i))));
    }
    List<Job> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);
    // when
    List<Job> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    PageCursor cursor = null;
    do {
      JobPage page = store.list(JobQuery.byOwner("alice").withLimit(3).after(cursor));
      seen.addAll(page.jobs());
      pageSizes.add(page.jobs().size());
      cursor = page.next();
    } while (cursor != null);
    // then
    assertThat(pageSizes).containsExactly(3, 3, 1);
    assertThat(seen).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void a_last_page_that_is_exactly_full_has_no_next_cursor() {
    for (int i = 0; i < 4; i++) {
      stored(aQueuedJob(T0.plusSeconds(i)));
    }
    JobPage first = store.list(JobQuery.byOwner("alice").withLimit(2));
    JobPage second = store.list(JobQuery.byOwner("alice").withLimit(2).after(first.next()));
    assertThat(second.jobs()).hasSize(2);
    assertThat(second.next()).isNull();
  }

  @Test
  void filters_narrow_the_listing_and_pages_stay_full() {
    // given: 10 jobs of alternating type, and one of another owner
    List<Job> inference = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Job job = stored(aQueuedJob(T0.plusSeconds(i)).jobType(i % 2 == 0 ? "inference" : "sleep"));
      if (i % 2 == 0) {
        inference.add(0, job);
      }
    }
    stored(aQueuedJob(T0.plusSeconds(20)).jobType("inference").owner("bob"));
    // when
    JobQuery query = JobQuery.byOwner("alice").withJobType("inference").withLimit(2);
    JobPage p1 = store.list(query);
    JobPage p2 = store.list(query.after(p1.next()));
    JobPage p3 = store.list(query.after(p2.next()));
    // then
    assertThat(p1.jobs()).containsExactlyElementsOf(inference.subList(0, 2));
    assertThat(p2.jobs()).containsExactlyElementsOf(inference.subList(2, 4));
    assertThat(p3.jobs()).containsExactlyElementsOf(inference.subList(4, 5));
    assertThat(p3.next()).isNull();
  }

  @Test
  void listing_by_status_follows_status_changes() {
    // given
    Job a = stored(aQueuedJob(T0));
    Job b = stored(aQueuedJob(T0.plusSeconds(1)));
    // when
    Job aRunning = store.update(a.start(T0.plusSeconds(2)));
    // then
    assertThat(store.list(JobQuery.byOwner("alice").withStatus(JobStatus.QUEUED)).jobs())
        .containsExactly(b);
    assertThat(store.list(JobQuery.byOwner("alice").withStatus(JobStatus.RUNNING)).jobs())
        .containsExactly(aRunning);
    assertThat(store.list(JobQuery.byStatus(JobStatus.RUNNING)).jobs()).containsExactly(aRunning);
  }

  @Test
  void jobs_are_listed_by_group_template_and_schedule() {
    // given
    Job inGroup = stored(aQueuedJob(T0).groupId("g1"));
    Job fromTemplate = stored(aQueuedJob(T0).templateId("t1"));
    Job scheduled = stored(aQueuedJob(T0).templateId("t1").scheduleId("s1").owner("bob"));
    stored(aQueuedJob(T0));
    // then
    assertThat(store.list(JobQuery.byGroup("g1")).jobs()).containsExactly(inGroup);
    assertThat(store.list(JobQuery.byTemplate("t1")).jobs())
        .containsExactlyInAnyOrder(fromTemplate, scheduled);
    assertThat(store.list(JobQuery.byTemplate("t1").withOwner("bob")).jobs())
        .containsExactly(scheduled);
    assertThat(store.list(JobQuery.bySchedule("s1")).jobs()).containsExactly(scheduled);
    assertThat(store.list(JobQuery.byGroup("g2")).jobs()).isEmpty();
  }

  @Test
  void jobs_in_a_status_are_counted_per_owner_or_in_all_up_to_a_cap() {
    // given: 3 running of alice, 1 running of bob, 1 queued of alice
    for (int i = 0; i < 3; i++) {
      Job job = stored(aQueuedJob(T0.plusSeconds(i)));
      store.update(job.start(T0.plusSeconds(10)));
    }
    Job bobs = stored(aQueuedJob(T0).owner("bob"));
    store.update(bobs.start(T0.plusSeconds(10)));
    stored(aQueuedJob(T0.plusSeconds(5)));
    // then
    assertThat(store.count(JobStatus.RUNNING, "alice", 10)).isEqualTo(3);
    assertThat(store.count(JobStatus.RUNNING, "bob", 10)).isEqualTo(1);
    assertThat(store.count(JobStatus.RUNNING, null, 10)).isEqualTo(4);
    assertThat(store.count(JobStatus.RUNNING, null, 2)).isEqualTo(2);
    assertThat(store.count(JobStatus.QUEUED, "alice", 10)).isEqualTo(1);
    assertThat(store.count(JobStatus.FAILED, null, 10)).isZero();
    assertThat(store.countRunning("alice", 10)).isEqualTo(new JobStore.Running(4, 3));
    assertThat(store.countRunning("bob", 10)).isEqualTo(new JobStore.Running(4, 1));
    assertThat(store.countRunning("carol", 10)).isEqualTo(new JobStore.Running(4, 0));
    assertThat(store.countRunning("alice", 2).all()).isEqualTo(2);
  }

  @Test
  void the_queue_head_is_in_dispatch_order_and_shows_which_jobs_are_parked() {
    // given: queued jobs at priorities 5, 9, 5 (later), one running
    Job early5 = stored(aQueuedJob(T0).priority(5));
    Job nine = stored(aQueuedJob(T0.plusSeconds(2)).priority(9).owner("bob"));
    Job late5 = stored(aQueuedJob(T0.plusSeconds(1)).priority(5));
    Job running = stored(aQueuedJob(T0));
    store.update(running.start(T0.plusSeconds(3)));
    // when: one is parked, and so is (to no effect) the running one
    store.park(late5.jobId());
    store.park(running.jobId());
    // then
    assertThat(store.queueHead(10))
        .containsExactly(
            new JobStore.QueuedJob(nine.jobId(), "bob", nine.queuedAt(), false),
            new JobStore.QueuedJob(early5.jobId(), early5.owner(), early5.queuedAt(), false),
            new JobStore.QueuedJob(late5.jobId(), late5.owner(), late5.queuedAt(), true));
    assertThat(store.queueHead(1))
        .extracting(JobStore.QueuedJob::jobId)
        .containsExactly(nine.jobId());
    // and the next write of a parked job drops the mark
    store.update(store.find(late5.jobId()).orElseThrow().toBuilder().progress(0).build());
    assertThat(store.queueHead(10)).noneMatch(JobStore.QueuedJob::parked);
  }

  @Test
  void queued_jobs_ahead_are_those_of_higher_priority_or_queued_earlier() {
    // given: queued jobs of two owners at priorities 5 and 9, one running
    Job early5 = stored(aQueuedJob(T0).priority(5));
    Job high9 = stored(aQueuedJob(T0.plusSeconds(5)).priority(9).owner("bob"));
    Job late5 = stored(aQueuedJob(T0.plusMillis(10_500)).priority(5));
    Job low1 = stored(aQueuedJob(T0.plusSeconds(1)).priority(1));
    store.update(stored(aQueuedJob(T0).priority(10)).start(T0));
    // then
    assertThat(store.countQueuedAhead(high9, 100)).isZero();
    assertThat(store.countQueuedAhead(early5, 100)).isEqualTo(1);
    assertThat(store.countQueuedAhead(late5, 100)).isEqualTo(2);
    assertThat(store.countQueuedAhead(low1, 100)).isEqualTo(3);
    assertThat(store.countQueuedAhead(low1, 2)).isEqualTo(2);
  }

  @Test
  void an_owner_never_sees_another_owners_jobs() {
    Job mine = stored(aQueuedJob(T0));
    stored(aQueuedJob(T0.plusSeconds(1)).owner("bob"));
    assertThat(store.list(JobQuery.byOwner("alice")).jobs()).containsExactly(mine);
  }
}
