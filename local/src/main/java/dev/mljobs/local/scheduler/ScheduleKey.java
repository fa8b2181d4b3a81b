package dev.mljobs.local.scheduler;

import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a schedule: its name within its group.
 *
 * @param groupName the schedule group
 * @param name the schedule's name, unique within the group
 */
public record ScheduleKey(String groupName, String name) implements Comparable<ScheduleKey> {

  private static final Comparator<ScheduleKey> ORDER =
      Comparator.comparing(ScheduleKey::groupName).thenComparing(ScheduleKey::name);

  /** Checks that both parts are present. */
  public ScheduleKey {
    Objects.requireNonNull(groupName, "groupName must not be null");
    Objects.requireNonNull(name, "name must not be null");
  }

  /** Group first, then name: the order in which schedules are listed. */
  @Override
  public int compareTo(ScheduleKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return groupName + "/" + name;
  }
}
