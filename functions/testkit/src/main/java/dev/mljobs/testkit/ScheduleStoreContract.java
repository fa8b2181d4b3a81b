package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.schedule.CatchUp;
import dev.mljobs.core.schedule.ConcurrentScheduleModificationException;
import dev.mljobs.core.schedule.OverlapPolicy;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.SchedulePage;
import dev.mljobs.core.schedule.ScheduleStore;
import dev.mljobs.core.schedule.ScheduleWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ScheduleStore} must do; run against the fake and against DynamoDB Local. */
public abstract class ScheduleStoreContract {

  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

  protected ScheduleStore store;

  /** A new, empty store. */
  protected abstract ScheduleStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  /** A schedule with every field set: zone, window, overrides, description. */
  public static Schedule aSchedule(String owner, Instant createdAt) {
    ObjectNode overrides = JsonNodeFactory.instance.objectNode().put("seconds", 2);
    overrides.putObject("nested").putArray("list").add(1).add("two");
    Schedule created =
        Schedule.create(
            UUID.randomUUID().toString(),
            "nightly",
            "template-1",
            "cron(30 2 * * ? *)",
            "Europe/Berlin",
            ScheduleWindow.between(createdAt, createdAt.plusSeconds(86_400 * 400L)),
            overrides,
            owner,
            createdAt);
    return created.change(
        created.name(),
        created.templateId(),
        created.expression(),
        created.timezone(),
        created.window(),
        created.paramOverrides(),
        "runs every night",
        OverlapPolicy.BUFFER_ONE,
        new CatchUp(CatchUp.Policy.RUN_ALL, 6),
        createdAt);
  }

  @Test
  void a_schedule_is_read_back_whole_at_version_1() {
    // given
    Schedule schedule = aSchedule("alice", T0);
    // when
    Schedule stored = store.create(schedule);
    // then
    assertThat(stored.version()).isEqualTo(1);
    assertThat(store.find(schedule.scheduleId())).contains(stored);
    assertThat(store.find("alice", schedule.scheduleId())).contains(stored);
    assertThat(stored.nextTriggerAt()).isEqualTo(schedule.nextTriggerAt());
  }

  @Test
  void another_owner_does_not_find_it() {
    Schedule stored = store.create(aSchedule("alice", T0));
    assertThat(store.find("bob", stored.scheduleId())).isEmpty();
    assertThat(store.list("bob", null, 10).schedules()).isEmpty();
  }

  @Test
  void an_update_needs_the_version_it_read() {
    // given
    Schedule stored = store.create(aSchedule("alice", T0));
    Schedule disabled = store.update(stored.disable("paused by ops: maintenance", T0));
    // when / then
    assertThat(disabled.version()).isEqualTo(2);
    assertThat(store.find(stored.scheduleId()).orElseThrow().note())
        .isEqualTo("paused by ops: maintenance");
    assertThat(store.find(stored.scheduleId()).orElseThrow().nextTriggerAt()).isNull();
    assertThatThrownBy(() -> store.update(stored.enable(T0)))
        .isInstanceOf(ConcurrentScheduleModificationException.class);
  }

  @Test
  void lists_the_enabled_schedules_of_all_owners_due_before_an_instant() {
    Schedule alices = store.create(aSchedule("alice", T0));
    Schedule bobs = store.create(aSchedule("bob", T0));
    Schedule paused = store.create(aSchedule("carol", T0));
    store.update(paused.disable(T0));
    Instant afterFirstFire = alices.nextTriggerAt().plusSeconds(1);
    assertThat(store.dueBefore(afterFirstFire))
        .extracting(Schedule::scheduleId)
        .containsExactlyInAnyOrder(alices.scheduleId(), bobs.scheduleId());
    assertThat(store.dueBefore(alices.nextTriggerAt())).isEmpty();
  }

  @Test
  void a_second_create_of_the_same_id_is_refused() {
    Schedule schedule = aSchedule("alice", T0);
    store.create(schedule);
    assertThatThrownBy(() -> store.create(schedule))
        .isInstanceOf(ConcurrentScheduleModificationException.class);
  }

  @Test
  void a_deleted_schedule_is_gone_and_cannot_be_updated() {
    Schedule stored = store.create(aSchedule("alice", T0));
    store.delete(stored.scheduleId());
    store.delete(stored.scheduleId());
    assertThat(store.find(stored.scheduleId())).isEmpty();
    assertThatThrownBy(() -> store.update(stored.enable(T0)))
        .isInstanceOf(ConcurrentScheduleModificationException.class);
  }

  @Test
  void lists_the_owners_schedules_newest_first_in_pages() {
    // given five of alice's, one of bob's
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      newestFirst.add(0, store.create(aSchedule("alice", T0.plusSeconds(i))).scheduleId());
    }
    store.create(aSchedule("bob", T0.plusSeconds(10)));
    // when
    List<String> seen = new ArrayList<>();
    SchedulePage page = store.list("alice", null, 2);
    int pages = 1;
    page.schedules().forEach(s -> seen.add(s.scheduleId()));
    while (page.next() != null) {
      page = store.list("alice", page.next(), 2);
      page.schedules().forEach(s -> seen.add(s.scheduleId()));
      pages++;
    }
    // then
    assertThat(seen).isEqualTo(newestFirst);
    assertThat(pages).isEqualTo(3);
  }
}
