package dev.mljobs.core.schedule;

/** The owner has no schedule of this id (another owner's schedule does not exist either). */
public final class ScheduleNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String scheduleId;

  public ScheduleNotFoundException(String scheduleId) {
    super("schedule " + scheduleId + " not found");
    this.scheduleId = scheduleId;
  }

  public String scheduleId() {
    return scheduleId;
  }
}
