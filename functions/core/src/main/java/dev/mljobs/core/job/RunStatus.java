package dev.mljobs.core.job;

import java.util.Locale;

/** How one execution attempt ended. */
public enum RunStatus {
  COMPLETED,
  FAILED,
  SKIPPED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException when {@code token} is not a run status
   */
  public static RunStatus fromWire(String token) {
    for (RunStatus s : values()) {
      if (s.wireName().equals(token)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status must be one of completed, failed, skipped, cancelled, got '" + token + "'");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
