package dev.mljobs.core.schedule;

/** A schedule changed (or went) between its read and the write based on that read. */
public final class ConcurrentScheduleModificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConcurrentScheduleModificationException(String scheduleId) {
    super("schedule " + scheduleId + " was changed by another writer");
  }
}
