package dev.mljobs.core.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a schedule does with fire times it missed (the local runtime was down, or a delivery failed
 * for good) once it learns of them.
 *
 * @param max how many jobs {@link Policy#RUN_ALL} makes at most (the latest fire times)
 */
public record CatchUp(Policy policy, int max) {

  public static final int DEFAULT_MAX = 10;
  public static final int MAX_MAX = 1000;

  /** Skip them all, as EventBridge Scheduler does. */
  public static final CatchUp SKIP = new CatchUp(Policy.SKIP, DEFAULT_MAX);

  /** The choices. */
  public enum Policy {
    /** None of them makes a job; each is recorded as {@code missed}. */
    SKIP,
    /** One job, for the latest missed fire time; the others are {@code missed}. */
    RUN_ONCE,
    /** One job per missed fire time, the latest {@code max} of them; the others are missed. */
    RUN_ALL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CatchUp {
    if (policy == null) {
      throw new InvalidScheduleException("catchup_policy", "is required");
    }
    if (max < 1 || max > MAX_MAX) {
      throw new InvalidScheduleException("catchup_max", "must be from 1 to " + MAX_MAX);
    }
  }

  /**
   * @param policy {@code skip}, {@code run_once} or {@code run_all}, or {@code null} for skip
   * @param max {@code null} for {@link #DEFAULT_MAX}
   * @throws InvalidScheduleException naming {@code catchup_policy} or {@code catchup_max}
   */
  public static CatchUp of(String policy, Integer max) {
    Policy p = Policy.SKIP;
    if (policy != null) {
      p =
          Arrays.stream(Policy.values())
              .filter(v -> v.wireName().equals(policy))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidScheduleException(
                          "catchup_policy",
                          "must be one of "
                              + Arrays.stream(Policy.values())
                                  .map(Policy::wireName)
                                  .collect(Collectors.joining(", "))));
    }
    return new CatchUp(p, max == null ? DEFAULT_MAX : max);
  }
}
