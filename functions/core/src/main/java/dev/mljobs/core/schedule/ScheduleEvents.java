package dev.mljobs.core.schedule;

/** Where schedule events are published (EventBridge in AWS, JSON lines locally). */
public interface ScheduleEvents {

  /**
   * Publishes "Schedule Fired": a firing made its job. Best effort: a failure here never undoes the
   * job.
   */
  void fired(Schedule schedule, Firing firing);

  /**
   * Publishes "Schedule Firing Skipped": a fire time that made no job that runs, and why. Best
   * effort, as {@link #fired}.
   */
  void skipped(Schedule schedule, Firing firing, String reason);

  /** Publishes nothing. */
  static ScheduleEvents none() {
    return new ScheduleEvents() {
      @Override
      public void fired(Schedule schedule, Firing firing) {}

      @Override
      public void skipped(Schedule schedule, Firing firing, String reason) {}
    };
  }
}
