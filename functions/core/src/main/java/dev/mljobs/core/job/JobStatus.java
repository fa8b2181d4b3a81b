package dev.mljobs.core.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a job is in its lifecycle. The one transition table of the system lives in {@link
 * #canMoveTo}; terminal states never change again.
 */
public enum JobStatus {
  /** Stored but not yet released to the queue (e.g. waiting for its turn in a sequential group). */
  PENDING,
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  /** Never ran and never will, e.g. because an earlier job of its sequential group failed. */
  SKIPPED;

  public boolean canMoveTo(JobStatus next) {
    return switch (this) {
      case PENDING -> next == QUEUED || next == CANCELLED || next == SKIPPED;
      case QUEUED -> next == RUNNING || next == CANCELLED || next == SKIPPED || next == FAILED;
      case RUNNING -> next == COMPLETED || next == FAILED || next == CANCELLED || next == QUEUED;
      case COMPLETED, FAILED, CANCELLED, SKIPPED -> false;
    };
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == SKIPPED;
  }

  /** The lowercase token used on the wire and in storage. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire token.
   *
   * @throws IllegalArgumentException naming the accepted tokens when {@code token} is not one
   */
  public static JobStatus fromWire(String token) {
    for (JobStatus s : values()) {
      if (s.wireName().equals(token)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "status must be one of "
            + Arrays.stream(values()).map(JobStatus::wireName).collect(Collectors.joining(", "))
            + ", got '"
            + token
            + "'");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
