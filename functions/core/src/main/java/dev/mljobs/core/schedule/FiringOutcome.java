package dev.mljobs.core.schedule;

import java.util.Locale;

/** What became of one nominal fire time of a schedule. */
public enum FiringOutcome {
  /** A job was made for it (its id is on the firing). */
  JOB_CREATED;

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
