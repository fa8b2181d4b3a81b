package dev.mljobs.core.schedule;

import java.util.Locale;

/** What became of one nominal fire time of a schedule. */
public enum FiringOutcome {
  /** A job was made for it (its id is on the firing). */
  JOB_CREATED,
  /**
   * The previous job had not ended and the overlap policy is {@code skip} (or {@code buffer_one}
   * with one firing already waiting): its job ended {@code skipped} at once.
   */
  SKIPPED_OVERLAP,
  /** The previous job had not ended: its job waits (pending) and is queued when that one ends. */
  BUFFERED,
  /** A fire time the schedule missed (runtime down, delivery failed) that made no job. */
  MISSED,
  /** A missed fire time that made its job late, by the schedule's catch-up policy. */
  CAUGHT_UP;

  /** Whether a firing with this outcome has a job. */
  public boolean makesJob() {
    return this != MISSED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for a name that is not an outcome
   */
  public static FiringOutcome fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
