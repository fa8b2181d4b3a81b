package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.group.ConcurrentGroupModificationException;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.GroupPage;
import dev.mljobs.core.group.GroupStatus;
import dev.mljobs.core.group.GroupStore;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link GroupStore} must do; run against the fake and against DynamoDB Local. */
public abstract class GroupStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  protected GroupStore store;

  /** A new, empty store. */
  protected abstract GroupStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static JobGroup aGroup(String owner, Instant createdAt, int members) {
    List<UUID> ids = IntStream.range(0, members).mapToObj(i -> UUID.randomUUID()).toList();
    return JobGroup.create(
        UUID.randomUUID().toString(), "nightly", GroupMode.SEQUENTIAL, true, ids, owner, createdAt);
  }

  @Test
  void a_group_is_read_back_whole_at_version_1() {
    // given
    JobGroup group = aGroup("alice", T0, 3);
    // when
    JobGroup stored = store.create(group);
    // then
    assertThat(stored.version()).isEqualTo(1);
    assertThat(store.find(group.groupId())).contains(stored);
    assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void a_thousand_members_fit_in_one_group() {
    // given: the largest group the API accepts, its members with long versions
    JobGroup group = store.create(aGroup("alice", T0, JobGroup.MAX_JOBS));
    JobGroup next = group;
    for (var m : group.members()) {
      next = next.observe(m.jobId(), JobStatus.COMPLETED, 1_000_000L, T0.plusSeconds(9));
    }
    // when
    JobGroup stored = store.update(next);
    // then
    assertThat(stored.status()).isEqualTo(GroupStatus.COMPLETED);
    assertThat(store.find(group.groupId())).contains(stored);
  }

  @Test
  void an_update_takes_the_version_read_and_refuses_a_stale_one() {
    // given
    JobGroup v1 = store.create(aGroup("alice", T0, 2));
    UUID first = v1.members().get(0).jobId();
    // when
    JobGroup v2 = store.update(v1.observe(first, JobStatus.RUNNING, 3, T0.plusSeconds(1)));
    // then
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.status()).isEqualTo(GroupStatus.RUNNING);
    assertThat(v2.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(store.find(v1.groupId())).contains(v2);
    JobGroup stale = v1.observe(first, JobStatus.FAILED, 4, T0.plusSeconds(2));
    assertThatThrownBy(() -> store.update(stale))
        .isInstanceOf(ConcurrentGroupModificationException.class);
    assertThat(store.find(v1.groupId())).contains(v2);
  }

  @Test
  void a_member_change_is_taken_once_and_only_from_a_newer_version_of_a_member_not_ended() {
    // given
    JobGroup g = store.create(aGroup("alice", T0, 2));
    UUID first = g.members().get(0).jobId();
    // when
    var running =
        store.takeMember(g.groupId(), "alice", first, JobStatus.RUNNING, 3, T0.plusSeconds(1));
    var done =
        store.takeMember(g.groupId(), "alice", first, JobStatus.COMPLETED, 4, T0.plusSeconds(2));
    // then
    assertThat(running).isPresent();
    assertThat(running.get().group().status()).isEqualTo(GroupStatus.RUNNING);
    assertThat(running.get().published()).isEqualTo(GroupStatus.QUEUED);
    assertThat(done.get().group().members().get(0).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.get().group().startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(done.get().group().version()).isEqualTo(3);
    // the same change again, an older one, one after the end, another owner's, no such member
    assertThat(store.takeMember(g.groupId(), "alice", first, JobStatus.COMPLETED, 4, T0)).isEmpty();
    assertThat(store.takeMember(g.groupId(), "alice", first, JobStatus.RUNNING, 3, T0)).isEmpty();
    assertThat(store.takeMember(g.groupId(), "alice", first, JobStatus.FAILED, 9, T0)).isEmpty();
    UUID second = g.members().get(1).jobId();
    assertThat(store.takeMember(g.groupId(), "bob", second, JobStatus.RUNNING, 9, T0)).isEmpty();
    assertThat(store.takeMember(g.groupId(), "alice", UUID.randomUUID(), JobStatus.RUNNING, 9, T0))
        .isEmpty();
    assertThat(
            store.takeMember(
                UUID.randomUUID().toString(), "alice", first, JobStatus.RUNNING, 9, T0))
        .isEmpty();
    assertThat(store.find(g.groupId())).contains(done.get().group());
  }

  @Test
  void members_ending_at_once_each_land_and_the_group_finishes() throws Exception {
    // given: a parallel group of 40 members, all running
    JobGroup g = store.create(aGroup("alice", T0, 40));
    // when: every member completes at the same moment, from its own thread
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> taken = new ArrayList<>();
      for (var m : g.members()) {
        taken.add(
            threads.submit(
                () ->
                    store
                        .takeMember(
                            g.groupId(),
                            "alice",
                            m.jobId(),
                            JobStatus.COMPLETED,
                            5,
                            T0.plusSeconds(1))
                        .isPresent()));
      }
      for (Future<Boolean> t : taken) {
        assertThat(t.get()).isTrue();
      }
    } finally {
      threads.shutdown();
    }
    // then
    JobGroup done = store.find(g.groupId()).orElseThrow();
    assertThat(done.status()).isEqualTo(GroupStatus.COMPLETED);
    assertThat(done.counts().get(JobStatus.COMPLETED)).isEqualTo(40);
    assertThat(done.version()).isEqualTo(41);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void a_status_is_announced_once_and_never_by_an_older_version() {
    JobGroup g = store.create(aGroup("alice", T0, 2));
    UUID first = g.members().get(0).jobId();
    UUID second = g.members().get(1).jobId();
    JobGroup v2 =
        store.takeMember(g.groupId(), "alice", first, JobStatus.RUNNING, 3, T0).get().group();
    JobGroup v3 =
        store.takeMember(g.groupId(), "alice", second, JobStatus.RUNNING, 3, T0).get().group();
    assertThat(store.publish(g)).as("the status created with").isFalse();
    assertThat(store.publish(v3)).isTrue();
    assertThat(store.publish(v2)).as("same status, older version").isFalse();
    assertThat(store.publish(v3)).as("again").isFalse();
    var later = store.takeMember(g.groupId(), "alice", first, JobStatus.COMPLETED, 4, T0);
    assertThat(later.get().published()).isEqualTo(GroupStatus.RUNNING);
  }

  @Test
  void creating_an_existing_group_and_updating_a_missing_one_are_refused() {
    JobGroup group = aGroup("alice", T0, 1);
    store.create(group);
    assertThatThrownBy(() -> store.create(group))
        .isInstanceOf(ConcurrentGroupModificationException.class);
    JobGroup missing = aGroup("alice", T0, 1).cancel(T0);
    assertThatThrownBy(() -> store.update(missing))
        .isInstanceOf(ConcurrentGroupModificationException.class);
  }

  @Test
  void an_owner_lists_only_its_own_groups_newest_first_in_pages() {
    // given
    List<JobGroup> alices = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      alices.add(store.create(aGroup("alice", T0.plusSeconds(i), 1)));
    }
    store.create(aGroup("bob", T0.plusSeconds(10), 1));
    // when
    GroupPage first = store.list("alice", 3, null);
    GroupPage second = store.list("alice", 3, first.next());
    // then
    assertThat(first.groups()).containsExactly(alices.get(4), alices.get(3), alices.get(2));
    assertThat(first.next()).isNotNull();
    assertThat(second.groups()).containsExactly(alices.get(1), alices.get(0));
    assertThat(second.next()).isNull();
    assertThat(store.list("carol", 3, null).groups()).isEmpty();
  }
}
