package dev.mljobs.core.schedule;

/**
 * The service that fires schedules: EventBridge Scheduler, with one schedule of its own per
 * schedule of ours, whose target is the schedule handler.
 */
public interface ScheduleTriggers {

  /**
   * Creates the service's schedule for {@code schedule}, or updates it to match (expression, zone,
   * start and end, enabled or not).
   *
   * @throws RuntimeException when the service cannot be reached or refuses the schedule
   */
  void put(Schedule schedule);

  /** Removes the service's schedule; removing one that is gone changes nothing. */
  void delete(String scheduleId);
}
