package dev.mljobs.core.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a firing does while the schedule's previous job is still pending, queued or running. */
public enum OverlapPolicy {
  /** Make the job all the same: jobs of one schedule may run side by side. */
  ALLOW,
  /** Make a job that ends {@code skipped} at once, with the reason. */
  SKIP,
  /**
   * Keep at most one waiting firing: its job is held (pending) and queued when the running one
   * ends; a firing while one already waits is skipped.
   */
  BUFFER_ONE,
  /** Cancel the previous job, then make the new one. */
  CANCEL_PREVIOUS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws InvalidScheduleException naming {@code overlap_policy} for another name
   */
  public static OverlapPolicy fromWire(String name) {
    for (OverlapPolicy p : values()) {
      if (p.wireName().equals(name)) {
        return p;
      }
    }
    throw new InvalidScheduleException(
        "overlap_policy",
        "must be one of "
            + Arrays.stream(values())
                .map(OverlapPolicy::wireName)
                .collect(Collectors.joining(", ")));
  }
}
