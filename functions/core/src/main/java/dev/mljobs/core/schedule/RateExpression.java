package dev.mljobs.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recurring schedule at a fixed rate, {@code rate(value unit)}.
 *
 * <p>Rates are fixed durations and ignore the time zone: AWS documents that a day in a rate is 24
 * hours on the clock, also when a daylight-saving change makes the calendar day 23 or 25 hours
 * long, and that each interval counts from the last invocation
 * (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst). Fires are therefore
 * {@code start + k * interval} for k = 0, 1, 2, ... where start is the window's start date (AWS's
 * {@code StartDate} is the first occurrence); use {@link ScheduleWindow#startingAtCreationIfUnset}
 * for a schedule without one, which AWS starts at once.
 *
 * @param value how many units between fires, positive
 * @param unit minutes, hours or days
 */
public record RateExpression(long value, RateUnit unit) implements ScheduleExpression {

  private static final Pattern SYNTAX = Pattern.compile("rate\\((\\S+) (\\S+)\\)");
  // Nine digits keep every interval, even in days, far inside Duration's range.
  private static final Pattern POSITIVE_INTEGER = Pattern.compile("[1-9][0-9]{0,8}");

  /** Checks that the value is positive. */
  public RateExpression {
    Objects.requireNonNull(unit, "unit must not be null");
    if (value < 1) {
      throw new IllegalArgumentException("value must be a positive integer: " + value);
    }
  }

  /**
   * Parses {@code rate(value unit)}, with AWS's rule that the unit is singular for 1 and plural
   * otherwise.
   *
   * @throws InvalidScheduleExpressionException if the form, value or unit is invalid
   */
  static RateExpression parse(String expression) {
    Matcher m = SYNTAX.matcher(expression);
    if (!m.matches()) {
      throw new InvalidScheduleExpressionException(
          expression, "expected rate(value unit), e.g. rate(5 minutes)");
    }
    String valueText = m.group(1);
    String word = m.group(2);
    if (!POSITIVE_INTEGER.matcher(valueText).matches()) {
      throw new InvalidScheduleExpressionException(
          expression, "value '" + valueText + "' must be a positive integer of at most 9 digits");
    }
    long value = Long.parseLong(valueText);
    RateUnit unit =
        RateUnit.fromWord(word)
            .orElseThrow(
                () ->
                    new InvalidScheduleExpressionException(
                        expression,
                        "unit '"
                            + word
                            + "' must be one of minute, minutes, hour, hours, day, days"));
    if (!unit.word(value).equals(word)) {
      String rule = value == 1 ? "singular when value is 1" : "plural when value is not 1";
      throw new InvalidScheduleExpressionException(
          expression, "unit must be " + rule + ": use '" + unit.word(value) + "'");
    }
    return new RateExpression(value, unit);
  }

  @Override
  public String expression() {
    return "rate(" + value + " " + unit.word(value) + ")";
  }

  /** The fixed time between two fires. */
  public Duration interval() {
    return unit.length().multipliedBy(value);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a start date, fires fall on {@code start + k * interval}; without one, {@code after} is
   * taken as the last invocation and the next fire is one interval later. The zone is ignored.
   */
  @Override
  public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, ScheduleWindow window) {
    Objects.requireNonNull(after, "after must not be null");
    Objects.requireNonNull(window, "window must not be null");
    Instant anchor = window.startDate().orElse(after);
    Instant next;
    if (anchor.isAfter(after)) {
      next = anchor;
    } else {
      long elapsedIntervals = Duration.between(anchor, after).dividedBy(interval());
      next = anchor.plus(interval().multipliedBy(elapsedIntervals + 1));
    }
    return window.cutAtEnd(Optional.of(next));
  }
}
