package dev.mljobs.core.group;

import java.util.Locale;

/**
 * The aggregate state of a group, derived from its members by {@link JobGroup#derive}: {@code
 * completed} when every member completed or was skipped, {@code partial} when some did and others
 * failed or were cancelled, {@code failed} when none completed and some failed, {@code cancelled}
 * when the group was cancelled, or when none completed or failed and some were cancelled.
 */
public enum GroupStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  PARTIAL,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
