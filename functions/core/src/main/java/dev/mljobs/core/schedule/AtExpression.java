package dev.mljobs.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-time schedule, {@code at(yyyy-mm-ddThh:mm:ss)}: a local date-time in the schedule's zone.
 *
 * <p>Daylight saving: AWS does not document one-time schedules that name a local time which does
 * not exist or occurs twice. We resolve them as {@link java.time.ZonedDateTime#of} does: a time in
 * a spring-forward gap is moved later by the length of the gap ({@code 02:30} becomes {@code
 * 03:30}), because a one-time job that silently never runs is worse than one that runs an hour
 * late; a time in a fall-back overlap fires once, at its first (earlier) occurrence, as cron
 * schedules do.
 *
 * <p>The schedule's start and end dates are ignored, as AWS documents for one-time schedules.
 *
 * @param dateTime the local date-time to fire at, whole seconds
 */
public record AtExpression(LocalDateTime dateTime) implements ScheduleExpression {

  private static final Pattern SYNTAX =
      Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

  /** Checks that the date-time is given to the second, as the expression writes it. */
  public AtExpression {
    Objects.requireNonNull(dateTime, "dateTime must not be null");
    if (dateTime.getNano() != 0) {
      throw new IllegalArgumentException("dateTime must be whole seconds: " + dateTime);
    }
  }

  /**
   * Parses {@code at(yyyy-mm-ddThh:mm:ss)}.
   *
   * @throws InvalidScheduleExpressionException if the form or the date-time is invalid
   */
  static AtExpression parse(String expression) {
    Matcher m = SYNTAX.matcher(expression);
    if (!m.matches()) {
      throw new InvalidScheduleExpressionException(
          expression, "expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2028-03-26T02:30:00)");
    }
    try {
      return new AtExpression(
          LocalDateTime.parse(m.group(1), DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    } catch (DateTimeParseException e) {
      throw new InvalidScheduleExpressionException(
          expression, m.group(1) + " is not a valid date and time");
    }
  }

  @Override
  public String expression() {
    return "at(" + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime) + ")";
  }

  /** The instant this schedule fires at in {@code zone} (see the class comment for DST). */
  public Instant fireTime(ZoneId zone) {
    return dateTime.atZone(zone).toInstant();
  }

  @Override
  public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, ScheduleWindow window) {
    Objects.requireNonNull(after, "after must not be null");
    Instant fire = fireTime(zone);
    return fire.isAfter(after) ? Optional.of(fire) : Optional.empty();
  }
}
