package dev.mljobs.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.testkit.InMemoryGroupStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group use cases over the in-memory stores, members driven by the real job steps. */
class GroupServiceTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private SettableClock clock;
  private InMemoryJobStore jobs;
  private InMemoryGroupStore groups;
  private RecordingJobQueue queue;
  private List<JobGroup> groupEvents;
  private JobSteps steps;
  private GroupService service;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    jobs = new InMemoryJobStore(clock);
    groups = new InMemoryGroupStore();
    queue = new RecordingJobQueue();
    groupEvents = new CopyOnWriteArrayList<>();
    InMemoryJobRunStore runs = new InMemoryJobRunStore();
    GroupTracking tracking = new GroupTracking(job -> {});
    jobService =
        new JobService(
            jobs,
            runs,
            queue,
            new RecordingWorkflows(),
            tracking,
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    service =
        new GroupService(
            groups, jobs, jobService, queue, job -> {}, groupEvents::add, clock, UUID::randomUUID);
    tracking.follow(service);
    steps = new JobSteps(jobs, runs, tracking, clock, queue);
  }

  private static NewJob sleep() {
    return NewJob.of("sleep", JsonNodeFactory.instance.objectNode().put("seconds", 0), "alice");
  }

  private JobGroup create(GroupMode mode, boolean stopOnFailure, int members) {
    List<NewJob> requests = java.util.Collections.nCopies(members, sleep());
    return service.create(new NewGroup("g", mode, stopOnFailure, requests, "alice"));
  }

  private List<UUID> ids(JobGroup g) {
    return g.members().stream().map(GroupMember::jobId).toList();
  }

  private List<UUID> sent() {
    return queue.sent().stream().map(RecordingJobQueue.Sent::jobId).toList();
  }

  private JobStatus status(UUID id) {
    return jobs.find(id).orElseThrow().status();
  }

  private void complete(UUID id) {
    Job running = steps.start(id).orElseThrow();
    steps.complete(id, running.attempts(), running.attemptStartedAt(), null, null);
  }

  private void fail(UUID id) {
    Job running = steps.start(id).orElseThrow();
    steps.attemptFailed(id, 1, running.attemptStartedAt(), "boom", FailureKind.PERMANENT);
  }

  private JobService jobService;

  private JobGroup reread(JobGroup g) {
    return service.find("alice", g.groupId()).orElseThrow();
  }

  @Test
  void a_sequential_group_releases_each_member_when_the_one_before_ended() {
    // given
    JobGroup g = create(GroupMode.SEQUENTIAL, false, 3);
    List<UUID> ids = ids(g);
    assertThat(sent()).containsExactly(ids.get(0));
    assertThat(status(ids.get(1))).isEqualTo(JobStatus.PENDING);
    // when
    complete(ids.get(0));
    // then
    assertThat(sent()).containsExactly(ids.get(0), ids.get(1));
    assertThat(reread(g).status()).isEqualTo(GroupStatus.RUNNING);
    complete(ids.get(1));
    complete(ids.get(2));
    JobGroup done = reread(g);
    assertThat(done.status()).isEqualTo(GroupStatus.COMPLETED);
    assertThat(done.startedAt()).isNotNull();
    assertThat(done.finishedAt()).isNotNull();
    assertThat(groupEvents)
        .extracting(JobGroup::status)
        .containsExactly(GroupStatus.QUEUED, GroupStatus.RUNNING, GroupStatus.COMPLETED);
  }

  @Test
  void a_member_end_handled_twice_advances_the_group_once() {
    // given
    JobGroup g = create(GroupMode.SEQUENTIAL, false, 3);
    List<UUID> ids = ids(g);
    Job running = steps.start(ids.get(0)).orElseThrow();
    steps.complete(ids.get(0), 1, running.attemptStartedAt(), null, null);
    // when: the step is retried (it announces the end again) and the end is handed over again
    steps.complete(ids.get(0), 1, running.attemptStartedAt(), null, null);
    service.memberChanged(jobs.find(ids.get(0)).orElseThrow());
    // then: the second member was released once, the third not at all
    assertThat(sent()).containsExactly(ids.get(0), ids.get(1));
    assertThat(status(ids.get(2))).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void without_stop_on_failure_a_failed_member_does_not_stop_the_rest() {
    JobGroup g = create(GroupMode.SEQUENTIAL, false, 3);
    List<UUID> ids = ids(g);
    complete(ids.get(0));
    fail(ids.get(1));
    complete(ids.get(2));
    assertThat(reread(g).status()).isEqualTo(GroupStatus.PARTIAL);
    assertThat(reread(g).counts().get(JobStatus.FAILED)).isEqualTo(1);
  }

  @Test
  void with_stop_on_failure_a_failed_member_skips_the_rest() {
    JobGroup g = create(GroupMode.SEQUENTIAL, true, 3);
    List<UUID> ids = ids(g);
    fail(ids.get(0));
    assertThat(status(ids.get(1))).isEqualTo(JobStatus.SKIPPED);
    assertThat(status(ids.get(2))).isEqualTo(JobStatus.SKIPPED);
    assertThat(sent()).containsExactly(ids.get(0));
    assertThat(reread(g).status()).isEqualTo(GroupStatus.FAILED);
  }

  @Test
  void cancelling_a_group_cancels_every_member_not_ended() {
    JobGroup g = create(GroupMode.SEQUENTIAL, false, 3);
    List<UUID> ids = ids(g);
    complete(ids.get(0));
    steps.start(ids.get(1));
    JobGroup cancelled = service.cancel("alice", g.groupId()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(GroupStatus.CANCELLED);
    assertThat(List.of(status(ids.get(0)), status(ids.get(1)), status(ids.get(2))))
        .containsExactly(JobStatus.COMPLETED, JobStatus.CANCELLED, JobStatus.CANCELLED);
    assertThat(reread(g).members())
        .extracting(GroupMember::status)
        .containsExactly(JobStatus.COMPLETED, JobStatus.CANCELLED, JobStatus.CANCELLED);
  }

  @Test
  void a_member_cancelled_on_its_own_lets_the_group_go_on_or_stops_it() {
    JobGroup goesOn = create(GroupMode.SEQUENTIAL, false, 2);
    JobGroup stops = create(GroupMode.SEQUENTIAL, true, 2);
    jobService.cancel("alice", ids(goesOn).get(0));
    jobService.cancel("alice", ids(stops).get(0));
    assertThat(status(ids(goesOn).get(1))).isEqualTo(JobStatus.QUEUED);
    assertThat(status(ids(stops).get(1))).isEqualTo(JobStatus.SKIPPED);
    assertThat(reread(stops).status()).isEqualTo(GroupStatus.CANCELLED);
  }

  @Test
  void with_stop_on_failure_a_parallel_group_cancels_its_other_members() {
    JobGroup g = create(GroupMode.PARALLEL, true, 3);
    List<UUID> ids = ids(g);
    steps.start(ids.get(1));
    fail(ids.get(0));
    assertThat(List.of(status(ids.get(1)), status(ids.get(2))))
        .containsExactly(JobStatus.CANCELLED, JobStatus.CANCELLED);
    assertThat(reread(g).status()).isEqualTo(GroupStatus.FAILED);
  }

  @Test
  void another_owner_neither_sees_nor_changes_a_group() {
    JobGroup g = create(GroupMode.PARALLEL, false, 2);
    assertThat(service.find("bob", g.groupId())).isEmpty();
    assertThat(service.cancel("bob", g.groupId())).isEmpty();
    assertThat(service.reorder("bob", g.groupId(), List.of())).isEmpty();
    assertThat(service.list("bob", 10, null).groups()).isEmpty();
    assertThat(reread(g).status()).isEqualTo(GroupStatus.QUEUED);
  }
}
