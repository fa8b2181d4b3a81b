package dev.mljobs.core.group;

import java.util.Locale;

/** Whether the jobs of a group run side by side or one after the other. */
public enum GroupMode {
  PARALLEL,
  SEQUENTIAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
