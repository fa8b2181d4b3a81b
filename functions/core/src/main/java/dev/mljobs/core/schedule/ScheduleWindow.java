package dev.mljobs.core.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring schedule's {@code StartDate} / {@code EndDate}, both optional and both inclusive: AWS
 * documents that invocations "might occur on, or after, the StartDate" and "might stop on, or
 * before, the EndDate". EventBridge Scheduler ignores both for one-time {@code at()} schedules, and
 * so does {@link AtExpression}.
 *
 * @param startDate the earliest instant a fire may happen at
 * @param endDate the latest instant a fire may happen at
 */
public record ScheduleWindow(Optional<Instant> startDate, Optional<Instant> endDate) {

  private static final ScheduleWindow UNBOUNDED =
      new ScheduleWindow(Optional.empty(), Optional.empty());

  /** Checks that the end, when both are given, comes after the start. */
  public ScheduleWindow {
    Objects.requireNonNull(startDate, "startDate must not be null (use Optional.empty())");
    Objects.requireNonNull(endDate, "endDate must not be null (use Optional.empty())");
    if (startDate.isPresent() && endDate.isPresent() && !endDate.get().isAfter(startDate.get())) {
      throw new IllegalArgumentException(
          "endDate " + endDate.get() + " must be after startDate " + startDate.get());
    }
  }

  /** No start and no end. */
  public static ScheduleWindow unbounded() {
    return UNBOUNDED;
  }

  /** From {@code start} (inclusive) to {@code end} (inclusive). */
  public static ScheduleWindow between(Instant start, Instant end) {
    return new ScheduleWindow(Optional.of(start), Optional.of(end));
  }

  /** From {@code start} (inclusive), with no end. */
  public static ScheduleWindow startingAt(Instant start) {
    return new ScheduleWindow(Optional.of(start), Optional.empty());
  }

  /** Up to {@code end} (inclusive), with no start. */
  public static ScheduleWindow endingAt(Instant end) {
    return new ScheduleWindow(Optional.empty(), Optional.of(end));
  }

  /**
   * This window, starting at {@code creationTime} if it has no start of its own. AWS starts a rate
   * schedule without a StartDate "immediately", i.e. its intervals count from its creation.
   *
   * @param creationTime when the schedule was created
   */
  public ScheduleWindow startingAtCreationIfUnset(Instant creationTime) {
    Objects.requireNonNull(creationTime, "creationTime must not be null");
    return startDate.isPresent() ? this : new ScheduleWindow(Optional.of(creationTime), endDate);
  }

  /**
   * The instant to search strictly after: {@code after} itself, or just before the start when the
   * start is later, so that a fire exactly at the start is included.
   */
  Instant searchFrom(Instant after) {
    return startDate.filter(start -> start.isAfter(after)).map(s -> s.minusNanos(1)).orElse(after);
  }

  /** The fire itself if it does not come after the end. */
  Optional<Instant> cutAtEnd(Optional<Instant> fire) {
    return fire.filter(f -> endDate.map(end -> !f.isAfter(end)).orElse(true));
  }
}
