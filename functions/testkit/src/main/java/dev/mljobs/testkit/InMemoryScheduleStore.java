package dev.mljobs.testkit;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.schedule.ConcurrentScheduleModificationException;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.SchedulePage;
import dev.mljobs.core.schedule.ScheduleStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ScheduleStore} in a map; {@link ScheduleStoreContract} keeps it honest. */
public final class InMemoryScheduleStore implements ScheduleStore {

  private final Map<String, Schedule> schedules = new HashMap<>();

  @Override
  public synchronized Schedule create(Schedule schedule) {
    if (schedule.version() != 0) {
      throw new IllegalArgumentException("a new schedule has version 0");
    }
    Schedule stored = schedule.atVersion(1);
    if (schedules.putIfAbsent(schedule.scheduleId(), stored) != null) {
      throw new ConcurrentScheduleModificationException(schedule.scheduleId());
    }
    return stored;
  }

  @Override
  public synchronized Optional<Schedule> find(String scheduleId) {
    return Optional.ofNullable(schedules.get(scheduleId));
  }

  @Override
  public synchronized Schedule update(Schedule schedule) {
    Schedule current = schedules.get(schedule.scheduleId());
    if (current == null || current.version() != schedule.version()) {
      throw new ConcurrentScheduleModificationException(schedule.scheduleId());
    }
    Schedule stored = schedule.atVersion(schedule.version() + 1);
    schedules.put(schedule.scheduleId(), stored);
    return stored;
  }

  @Override
  public synchronized List<Schedule> dueBefore(Instant instant) {
    return schedules.values().stream()
        .filter(Schedule::enabled)
        .filter(s -> s.nextTriggerAt() != null && s.nextTriggerAt().isBefore(instant))
        .toList();
  }

  @Override
  public synchronized void delete(String scheduleId) {
    schedules.remove(scheduleId);
  }

  @Override
  public synchronized SchedulePage list(String owner, ListCursor after, int limit) {
    String before = after == null ? null : after.sortKey();
    List<Schedule> matching =
        schedules.values().stream()
            .filter(s -> s.owner().equals(owner))
            .filter(s -> before == null || sortKey(s).compareTo(before) < 0)
            .sorted(Comparator.comparing(InMemoryScheduleStore::sortKey).reversed())
            .limit(limit + 1L)
            .toList();
    if (matching.size() <= limit) {
      return new SchedulePage(matching, null);
    }
    List<Schedule> page = matching.subList(0, limit);
    Schedule last = page.get(page.size() - 1);
    return new SchedulePage(page, new ListCursor(last.createdAt(), last.scheduleId()));
  }

  private static String sortKey(Schedule s) {
    return ListCursor.sortKey(s.createdAt(), s.scheduleId());
  }
}
