package dev.mljobs.core.group;

import java.util.Locale;

/**
 * The aggregate state of a group, derived from its jobs: {@code partial} means every job ended and
 * at least one did not complete.
 */
public enum GroupStatus {
  CREATED,
  QUEUED,
  RUNNING,
  COMPLETED,
  PARTIAL,
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == PARTIAL || this == CANCELLED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
