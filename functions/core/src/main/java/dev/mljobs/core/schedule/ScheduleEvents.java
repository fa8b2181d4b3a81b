package dev.mljobs.core.schedule;

/** Where schedule events are published (EventBridge in AWS, JSON lines locally). */
public interface ScheduleEvents {

  /**
   * Publishes "Schedule Fired": a firing made its job. Best effort: a failure here never undoes the
   * job.
   */
  void fired(Schedule schedule, Firing firing);

  /** Publishes nothing. */
  static ScheduleEvents none() {
    return (schedule, firing) -> {};
  }
}
