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
