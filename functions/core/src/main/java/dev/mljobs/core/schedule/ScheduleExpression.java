package dev.mljobs.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An EventBridge Scheduler schedule expression: {@code cron(...)}, {@code rate(...)} or {@code
 * at(...)}, parsed and validated as AWS does, and evaluated into fire times.
 *
 * <p>Time is always passed in; nothing here reads a clock. How each kind behaves across
 * daylight-saving changes is described on {@link CronExpression}, {@link RateExpression} and {@link
 * AtExpression}.
 */
public sealed interface ScheduleExpression permits CronExpression, RateExpression, AtExpression {

  /**
   * Parses an expression exactly as EventBridge Scheduler accepts it.
   *
   * @param expression e.g. {@code cron(0 10 ? * MON-FRI *)}, {@code rate(5 minutes)} or {@code
   *     at(2028-03-26T02:30:00)}
   * @return the validated expression
   * @throws InvalidScheduleExpressionException if AWS would reject it; the message names what is
   *     wrong
   */
  static ScheduleExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidScheduleExpressionException(
          String.valueOf(expression), "scheduleExpression must not be blank");
    }
    if (expression.startsWith("cron(")) {
      return CronExpression.parse(expression);
    }
    if (expression.startsWith("rate(")) {
      return RateExpression.parse(expression);
    }
    if (expression.startsWith("at(")) {
      return AtExpression.parse(expression);
    }
    throw new InvalidScheduleExpressionException(
        expression, "expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
  }

  /** The expression in AWS's syntax, e.g. {@code rate(5 minutes)}. */
  String expression();

  /**
   * The first fire strictly after {@code after} that lies within {@code window}.
   *
   * @param after the instant to search after (exclusive)
   * @param zone the time zone the expression is evaluated in
   * @param window the schedule's start and end dates (ignored by {@code at()}, as AWS does)
   * @return the next fire, or empty if there is none (expression exhausted or past the end date)
   */
  Optional<Instant> nextFireAfter(Instant after, ZoneId zone, ScheduleWindow window);

  /**
   * The first fire strictly after {@code after}, with no start or end date. For {@code rate()} this
   * is one interval after {@code after}: pass the previous fire time, as AWS counts each interval
   * from the schedule's last invocation.
   *
   * @param after the instant to search after (exclusive)
   * @param zone the time zone the expression is evaluated in
   * @return the next fire, or empty if there is none
   */
  default Optional<Instant> nextFireAfter(Instant after, ZoneId zone) {
    return nextFireAfter(after, zone, ScheduleWindow.unbounded());
  }

  /**
   * The next {@code count} fires strictly after {@code after}, in order; fewer if the schedule
   * ends.
   *
   * @param after the instant to search after (exclusive)
   * @param zone the time zone the expression is evaluated in
   * @param window the schedule's start and end dates
   * @param count how many fires to list, at least 0
   * @return the fires, earliest first
   * @throws IllegalArgumentException if {@code count} is negative
   */
  default List<Instant> nextFires(Instant after, ZoneId zone, ScheduleWindow window, int count) {
    Objects.requireNonNull(after, "after must not be null");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    List<Instant> fires = new ArrayList<>(count);
    Instant cursor = after;
    while (fires.size() < count) {
      Optional<Instant> next = nextFireAfter(cursor, zone, window);
      if (next.isEmpty()) {
        break;
      }
      fires.add(next.get());
      cursor = next.get();
    }
    return List.copyOf(fires);
  }
}
