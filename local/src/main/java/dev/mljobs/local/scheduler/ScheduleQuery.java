package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.resourceName;

/**
 * The filters and page of {@code ListSchedules}; a null member filters nothing.
 *
 * @param namePrefix the start of the names to list
 * @param state the state of the schedules to list
 * @param groupName the group whose schedules to list
 * @param maxResults 1 to 100, or null for 100
 * @param nextToken the token of the previous page, or null for the first
 */
public record ScheduleQuery(
    String namePrefix,
    ScheduleState state,
    String groupName,
    Integer maxResults,
    String nextToken) {

  /** Checks the name prefix and group name as the service model does. */
  public ScheduleQuery {
    resourceName(namePrefix, "namePrefix");
    resourceName(groupName, "groupName");
  }

  boolean matches(StoredSchedule schedule) {
    return (namePrefix == null || schedule.name().startsWith(namePrefix))
        && (state == null || schedule.state() == state)
        && (groupName == null || schedule.groupName().equals(groupName));
  }
}
