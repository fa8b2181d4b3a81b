package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private SettableClock clock;
  private InMemoryJobStore store;
  private InMemoryJobRunStore runs;
  private RecordingJobQueue queue;
  private RecordingWorkflows workflows;
  private List<Job> published;
  private JobService service;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    store = new InMemoryJobStore(clock);
    runs = new InMemoryJobRunStore();
    queue = new RecordingJobQueue();
    workflows = new RecordingWorkflows();
    published = new CopyOnWriteArrayList<>();
    service = service(DispatchLimits.unlimited());
  }

  private JobService service(DispatchLimits limits) {
    return new JobService(
        store, runs, queue, workflows, published::add, clock, UUID::randomUUID, limits);
  }

  private static NewJob sleep(String owner) {
    return NewJob.of("sleep", JsonNodeFactory.instance.objectNode().put("seconds", 0), owner);
  }

  private static NewJob sleep(String owner, int priority) {
    NewJob r = sleep(owner);
    return new NewJob(
        r.jobType(), r.params(), priority, 3, null, 24, null, null, null, null, owner, null, null);
  }

  private static NewJob withKey(String owner, String key) {
    NewJob r = sleep(owner);
    return new NewJob(
        r.jobType(), r.params(), 5, 3, null, 24, key, null, null, null, owner, null, null);
  }

  @Test
  void a_submitted_job_is_stored_queued_and_sent_once() {
    JobService.Submission s = service.submit(sleep("alice"));
    assertThat(s.created()).isTrue();
    assertThat(s.job().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(s.job().queuedAt()).isEqualTo(T0);
    assertThat(store.find(s.job().jobId())).contains(s.job());
    assertThat(queue.sent()).containsExactly(new RecordingJobQueue.Sent(s.job().jobId()));
    assertThat(published).extracting(Job::status).containsExactly(JobStatus.QUEUED);
  }

  @Test
  void the_same_idempotency_key_returns_the_first_job_and_sends_nothing_more() {
    Job first = service.submit(withKey("alice", "k1")).job();
    JobService.Submission again = service.submit(withKey("alice", "k1"));
    assertThat(again.created()).isFalse();
    assertThat(again.job()).isEqualTo(first);
    assertThat(queue.sent()).hasSize(1);
  }

  @Test
  void a_job_whose_message_could_not_be_sent_is_kept_and_sent_by_the_reconciler() {
    // given
    queue.unreachable(true);
    Job job = service.submit(sleep("alice")).job();
    queue.unreachable(false);
    // when: too early, then late enough
    int early = service.redispatchStale(Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(61));
    int late = service.redispatchStale(Duration.ofSeconds(60));
    // then
    assertThat(store.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(early).isZero();
    assertThat(late).isEqualTo(1);
    assertThat(queue.sent()).extracting(RecordingJobQueue.Sent::jobId).containsExactly(job.jobId());
  }

  @Test
  void dispatch_starts_one_workflow_however_often_the_message_arrives() {
    Job job = service.submit(sleep("alice")).job();
    assertThat(service.dispatch(job.jobId())).isEqualTo(JobService.Dispatch.STARTED);
    assertThat(service.dispatch(job.jobId())).isEqualTo(JobService.Dispatch.DROPPED);
    assertThat(workflows.started()).containsExactly(job.jobId());
  }

  @Test
  void dispatch_drops_cancelled_and_unknown_jobs() {
    Job job = service.submit(sleep("alice")).job();
    service.cancel("alice", job.jobId());
    assertThat(service.dispatch(job.jobId())).isEqualTo(JobService.Dispatch.DROPPED);
    assertThat(service.dispatch(UUID.randomUUID())).isEqualTo(JobService.Dispatch.DROPPED);
    assertThat(workflows.started()).isEmpty();
  }

  @Test
  void over_the_owner_limit_jobs_are_parked_in_priority_order_without_a_message() {
    // given: alice already runs one job, and may run one
    service = service(new DispatchLimits(100, 1));
    Job running = service.submit(sleep("alice")).job();
    store.update(store.find(running.jobId()).orElseThrow().start(T0));
    Job urgent =
        store
            .create(
                Job.create(sleep("alice"), UUID.randomUUID(), T0).toBuilder()
                    .priority(10)
                    .build()
                    .enqueue(T0))
            .job();
    Job lazy =
        store
            .create(
                Job.create(sleep("alice"), UUID.randomUUID(), T0).toBuilder()
                    .priority(0)
                    .build()
                    .enqueue(T0))
            .job();
    Job bobs = service.submit(sleep("bob")).job();
    // when
    JobService.Dispatch u = service.dispatch(urgent.jobId());
    JobService.Dispatch l = service.dispatch(lazy.jobId());
    JobService.Dispatch b = service.dispatch(bobs.jobId());
    // then: alice's two wait, parked, with no message; bob's runs
    assertThat(u).isEqualTo(JobService.Dispatch.PARKED);
    assertThat(l).isEqualTo(JobService.Dispatch.PARKED);
    assertThat(b).isEqualTo(JobService.Dispatch.STARTED);
    assertThat(store.queueHead(10))
        .extracting(JobStore.QueuedJob::jobId, JobStore.QueuedJob::parked)
        .containsSubsequence(tuple(urgent.jobId(), true), tuple(lazy.jobId(), true));
    assertThat(queue.sent())
        .extracting(RecordingJobQueue.Sent::jobId)
        .doesNotContain(urgent.jobId(), lazy.jobId());
  }

  @Test
  void when_a_running_job_ends_the_first_parked_job_is_sent_again_highest_priority_first() {
    // given: alice at her limit of one, three of her jobs parked at priorities 2, 9, 9
    service = service(new DispatchLimits(100, 1));
    Job running = service.submit(sleep("alice")).job();
    service.dispatch(running.jobId());
    store.update(store.find(running.jobId()).orElseThrow().start(T0));
    Job low = service.submit(sleep("alice", 2)).job();
    clock.advance(Duration.ofSeconds(1));
    Job high = service.submit(sleep("alice", 9)).job();
    clock.advance(Duration.ofSeconds(1));
    Job highLater = service.submit(sleep("alice", 9)).job();
    for (Job j : List.of(low, high, highLater)) {
      assertThat(service.dispatch(j.jobId())).isEqualTo(JobService.Dispatch.PARKED);
    }
    int before = queue.sent().size();
    // when: the running job is cancelled, which frees its slot
    service.cancel("alice", running.jobId());
    // then: the first queued of the highest priority is sent, and only that one
    assertThat(queue.sent().subList(before, queue.sent().size()))
        .extracting(RecordingJobQueue.Sent::jobId)
        .containsExactly(high.jobId());
    assertThat(service.dispatch(high.jobId())).isEqualTo(JobService.Dispatch.STARTED);
  }

  @Test
  void the_reconciler_sends_the_first_parked_job_of_each_owner_and_jobs_whose_message_was_lost() {
    // given: alice and bob at their limit of one, each with two jobs parked; carol's message lost
    service = service(new DispatchLimits(100, 1));
    List<Job> parked = new java.util.ArrayList<>();
    for (String owner : List.of("alice", "bob")) {
      Job running = service.submit(sleep(owner)).job();
      store.update(store.find(running.jobId()).orElseThrow().start(T0));
      for (int i = 0; i < 2; i++) {
        Job job = service.submit(sleep(owner)).job();
        service.dispatch(job.jobId());
        parked.add(job);
        clock.advance(Duration.ofMillis(10));
      }
    }
    queue.unreachable(true);
    Job carols = service.submit(sleep("carol")).job();
    queue.unreachable(false);
    clock.advance(Duration.ofSeconds(61));
    int before = queue.sent().size();
    // when
    int sent = service.redispatchStale(Duration.ofSeconds(60));
    // then
    assertThat(sent).isEqualTo(3);
    assertThat(queue.sent().subList(before, queue.sent().size()))
        .extracting(RecordingJobQueue.Sent::jobId)
        .containsExactlyInAnyOrder(parked.get(0).jobId(), parked.get(2).jobId(), carols.jobId());
  }

  @Test
  void the_global_limit_holds_across_owners() {
    service = service(new DispatchLimits(1, 10));
    Job a = service.submit(sleep("alice")).job();
    store.update(store.find(a.jobId()).orElseThrow().start(T0));
    Job b = service.submit(sleep("bob")).job();
    assertThat(service.dispatch(b.jobId())).isEqualTo(JobService.Dispatch.PARKED);
  }

  @Test
  void cancelling_a_running_job_stops_its_workflow() {
    // given
    Job job = service.submit(sleep("alice")).job();
    service.dispatch(job.jobId());
    store.update(store.find(job.jobId()).orElseThrow().start(T0.plusSeconds(1)));
    // when
    Job cancelled = service.cancel("alice", job.jobId());
    // then
    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(workflows.stopped()).containsExactly(job.jobId());
    assertThat(runs.runsOf(job.jobId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
              assertThat(r.attempt()).isEqualTo(1);
              assertThat(r.error()).isEqualTo("cancelled by alice");
            });
    assertThat(published).extracting(Job::status).endsWith(JobStatus.CANCELLED);
  }

  @Test
  void a_cancelled_run_starts_when_its_attempt_started_not_at_its_last_progress_report() {
    // given: attempt 1 started at T0+1s and reported progress at T0+20s
    Job job = service.submit(sleep("alice")).job();
    store.update(store.find(job.jobId()).orElseThrow().start(T0.plusSeconds(1)));
    clock.set(T0.plusSeconds(20));
    service.reportProgress(job.jobId(), 40);
    clock.set(T0.plusSeconds(30));
    // when
    service.cancel("alice", job.jobId());
    // then
    assertThat(runs.runsOf(job.jobId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
              assertThat(r.startedAt()).isEqualTo(T0.plusSeconds(1));
              assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(30));
            });
  }

  @Test
  void another_owner_can_neither_see_nor_cancel_a_job() {
    Job job = service.submit(sleep("alice")).job();
    assertThat(service.find("bob", job.jobId())).isEmpty();
    assertThat(service.find("alice", job.jobId())).isPresent();
    assertThatThrownBy(() -> service.cancel("bob", job.jobId()))
        .isInstanceOf(JobNotFoundException.class);
    assertThat(store.find(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void a_finished_job_cannot_be_cancelled() {
    Job job = service.submit(sleep("alice")).job();
    Job running = store.update(store.find(job.jobId()).orElseThrow().start(T0));
    store.update(running.complete(null, null, T0.plusSeconds(1)));
    assertThatThrownBy(() -> service.cancel("alice", job.jobId()))
        .isInstanceOf(IllegalJobTransitionException.class);
  }

  @Test
  void a_progress_report_that_loses_a_race_is_retried_on_a_fresh_read() {
    // given: a store whose first update of the job fails as if someone wrote in between
    Job job = service.submit(sleep("alice")).job();
    store.update(store.find(job.jobId()).orElseThrow().start(T0));
    JobStore racing =
        new JobStore() {
          private boolean raced;

          @Override
          public Created create(Job j) {
            return store.create(j);
          }

          @Override
          public java.util.Optional<Job> find(UUID id) {
            return store.find(id);
          }

          @Override
          public Job update(Job j) {
            if (!raced) {
              raced = true;
              Job current = store.find(j.jobId()).orElseThrow();
              store.update(current.toBuilder().priority(7).build());
            }
            return store.update(j);
          }

          @Override
          public boolean recordCallback(UUID id, Callback callback) {
            return store.recordCallback(id, callback);
          }

          @Override
          public JobPage list(JobQuery q) {
            return store.list(q);
          }

          @Override
          public java.util.Optional<Job> findByIdempotencyKey(String o, String k) {
            return store.findByIdempotencyKey(o, k);
          }

          @Override
          public int count(JobStatus s, String o, int upTo) {
            return store.count(s, o, upTo);
          }

          @Override
          public int countQueuedAhead(Job j, int upTo) {
            return store.countQueuedAhead(j, upTo);
          }

          @Override
          public List<QueuedJob> queueHead(int n) {
            return store.queueHead(n);
          }

          @Override
          public void park(UUID id) {
            store.park(id);
          }
        };
    JobService racy =
        new JobService(
            racing,
            runs,
            queue,
            workflows,
            published::add,
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    // when
    Job progressed = racy.reportProgress(job.jobId(), 40);
    // then: both writes survive
    assertThat(progressed.progress()).isEqualTo(40);
    assertThat(progressed.priority()).isEqualTo(7);
  }
}
