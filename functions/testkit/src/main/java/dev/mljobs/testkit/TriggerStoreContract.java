package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.trigger.Trigger;
import dev.mljobs.core.trigger.TriggerCounts;
import dev.mljobs.core.trigger.TriggerDraft;
import dev.mljobs.core.trigger.TriggerJob;
import dev.mljobs.core.trigger.TriggerJobPage;
import dev.mljobs.core.trigger.TriggerNotFoundException;
import dev.mljobs.core.trigger.TriggerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TriggerStore} must do; run against the fake and against DynamoDB Local. */
public abstract class TriggerStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  protected TriggerStore store;

  /** A new, empty store. */
  protected abstract TriggerStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  static Trigger aTrigger(String owner, String id, List<String> suffixes) {
    return new Trigger(
        id, owner, "n-" + id, "tpl-1", "images/", suffixes, true, T0, T0, TriggerCounts.NONE);
  }

  static TriggerJob aJob(String owner, String triggerId, String objectId, int seconds) {
    return new TriggerJob(
        triggerId,
        owner,
        objectId,
        UUID.randomUUID(),
        T0.plusSeconds(seconds),
        "s3://b/uploads/" + owner + "/images/" + objectId + ".png",
        "etag-" + objectId);
  }

  @Test
  void a_trigger_is_read_back_whole_by_its_owner_only() {
    Trigger t = aTrigger("alice", "tr-1", List.of(".png", ".jpg"));
    store.create(t);
    assertThat(store.find("alice", "tr-1")).contains(t);
    assertThat(store.find("bob", "tr-1")).isEmpty();
    assertThat(store.list("alice")).containsExactly(t);
    assertThat(store.list("bob")).isEmpty();
  }

  @Test
  void an_object_version_is_recorded_and_counted_once() {
    store.create(aTrigger("alice", "tr-1", List.of()));
    TriggerJob job = aJob("alice", "tr-1", "obj-1", 1);
    assertThat(store.seen("tr-1", "obj-1")).isFalse();
    assertThat(store.record(job)).isTrue();
    assertThat(store.record(job)).isFalse();
    assertThat(store.record(aJob("alice", "tr-1", "obj-1", 2))).isFalse();
    assertThat(store.seen("tr-1", "obj-1")).isTrue();
    assertThat(store.find("alice", "tr-1").orElseThrow().counts())
        .isEqualTo(new TriggerCounts(1, 1));
  }

  @Test
  void a_settings_change_keeps_the_counts_and_an_unknown_trigger_is_not_found() {
    Trigger t = store.create(aTrigger("alice", "tr-1", List.of(".png")));
    store.record(aJob("alice", "tr-1", "obj-1", 1));
    Trigger changed =
        store.update(t.with(new TriggerDraft("renamed", "tpl-2", "", List.of(), false), T0));
    assertThat(changed.name()).isEqualTo("renamed");
    assertThat(changed.prefix()).isEmpty();
    assertThat(changed.suffixes()).isEmpty();
    assertThat(changed.enabled()).isFalse();
    assertThat(changed.counts()).isEqualTo(new TriggerCounts(1, 1));
    assertThatThrownBy(() -> store.update(aTrigger("bob", "tr-1", List.of())))
        .isInstanceOf(TriggerNotFoundException.class);
  }

  @Test
  void jobs_are_paged_newest_first_for_the_owner_only() {
    store.create(aTrigger("alice", "tr-1", List.of()));
    List<TriggerJob> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TriggerJob j = aJob("alice", "tr-1", "obj-" + i, i);
      store.record(j);
      recorded.add(0, j);
    }
    TriggerJobPage first = store.jobs("alice", "tr-1", null, 3);
    TriggerJobPage second = store.jobs("alice", "tr-1", first.next(), 3);
    assertThat(first.jobs()).containsExactlyElementsOf(recorded.subList(0, 3));
    assertThat(second.jobs()).containsExactlyElementsOf(recorded.subList(3, 5));
    assertThat(second.next()).isNull();
    assertThat(store.jobs("bob", "tr-1", null, 3).jobs()).isEmpty();
  }

  @Test
  void a_deleted_trigger_is_gone_with_its_records() {
    store.create(aTrigger("alice", "tr-1", List.of()));
    store.record(aJob("alice", "tr-1", "obj-1", 1));
    assertThat(store.delete("bob", "tr-1")).isFalse();
    assertThat(store.delete("alice", "tr-1")).isTrue();
    assertThat(store.find("alice", "tr-1")).isEmpty();
    assertThat(store.seen("tr-1", "obj-1")).isFalse();
    assertThat(store.record(aJob("alice", "tr-1", "obj-2", 2))).isFalse();
    assertThat(store.delete("alice", "tr-1")).isFalse();
  }
}
