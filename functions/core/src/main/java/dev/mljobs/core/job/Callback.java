package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;

/**
 * Where the webhook of a finished job stands: {@code pending} from the terminal transition until a
 * try succeeds ({@code delivered}) or the tries are given up on ({@code failed}).
 *
 * @param attempts the tries made so far
 * @param lastError why the last try failed, or {@code null}
 */
public record Callback(Status status, int attempts, String lastError) {

  /** How far the delivery got. */
  public enum Status {
    PENDING,
    DELIVERED,
    FAILED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException when {@code wire} names no status
     */
    public static Status fromWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public static final int MAX_ERROR_LENGTH = 512;

  public Callback {
    present(status, "callback.status");
    if (attempts < 0) {
      throw new IllegalArgumentException("callback.attempts must not be negative");
    }
    if (lastError != null && lastError.length() > MAX_ERROR_LENGTH) {
      lastError = lastError.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
    optionalText(lastError, "callback.last_error", MAX_ERROR_LENGTH);
  }

  /** No try made yet. */
  public static Callback pending() {
    return new Callback(Status.PENDING, 0, null);
  }

  public boolean isSettled() {
    return status != Status.PENDING;
  }
}
