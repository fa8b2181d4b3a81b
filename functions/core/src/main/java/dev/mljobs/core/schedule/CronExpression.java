package dev.mljobs.core.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring schedule {@code cron(minutes hours day-of-month month day-of-week year)} in AWS's
 * six-field syntax, evaluated in the schedule's time zone.
 *
 * <p>Daylight saving, as AWS documents it (EventBridge Scheduler User Guide, "Daylight savings time
 * on EventBridge Scheduler",
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, and
 * https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst): when clocks go forward, an
 * invocation whose local time does not exist that day is skipped, not moved (a daily 02:30 job does
 * not run that day); when clocks go back, a local time that occurs twice fires only once. AWS does
 * not say which of the two occurrences; we fire at the first (the earlier offset), when that local
 * time is first reached, and never at the repeat.
 *
 * <p>Field matching is Quartz's {@code CronExpression}, run on wall-clock time (see {@link
 * WallClockCron}); it finds no fire more than 100 years after the JVM's current year, although AWS
 * accepts years up to 2199.
 *
 * @param minutes 0-59
 * @param hours 0-23
 * @param dayOfMonth 1-31, {@code L}, {@code LW}, {@code 15W} or {@code ?}
 * @param month 1-12 or JAN-DEC
 * @param dayOfWeek 1-7 or SUN-SAT (1 = Sunday), {@code L}, {@code 5L}, {@code 6#3} or {@code ?}
 * @param year 1970-2199
 */
public record CronExpression(
    String minutes, String hours, String dayOfMonth, String month, String dayOfWeek, String year)
    implements ScheduleExpression {

  /** Checks every field against AWS's syntax, and that exactly one day field is {@code ?}. */
  public CronExpression {
    Objects.requireNonNull(minutes, "minutes must not be null");
    Objects.requireNonNull(hours, "hours must not be null");
    Objects.requireNonNull(dayOfMonth, "dayOfMonth must not be null");
    Objects.requireNonNull(month, "month must not be null");
    Objects.requireNonNull(dayOfWeek, "dayOfWeek must not be null");
    Objects.requireNonNull(year, "year must not be null");
    List<String> fields = List.of(minutes, hours, dayOfMonth, month, dayOfWeek, year);
    String text = "cron(" + String.join(" ", fields) + ")";
    minutes = minutes.toUpperCase(Locale.ROOT);
    hours = hours.toUpperCase(Locale.ROOT);
    dayOfMonth = dayOfMonth.toUpperCase(Locale.ROOT);
    month = month.toUpperCase(Locale.ROOT);
    dayOfWeek = dayOfWeek.toUpperCase(Locale.ROOT);
    year = year.toUpperCase(Locale.ROOT);
    List<String> upper = List.of(minutes, hours, dayOfMonth, month, dayOfWeek, year);
    for (CronField field : CronField.values()) {
      field
          .problem(upper.get(field.ordinal()))
          .ifPresent(
              problem -> {
                throw new InvalidScheduleExpressionException(text, problem);
              });
    }
    if (dayOfMonth.equals("?") == dayOfWeek.equals("?")) {
      throw new InvalidScheduleExpressionException(
          text, "exactly one of day-of-month and day-of-week must be '?'");
    }
    compile(text, String.join(" ", upper));
  }

  /**
   * Parses {@code cron(fields)}.
   *
   * @throws InvalidScheduleExpressionException if AWS would reject the expression
   */
  static CronExpression parse(String expression) {
    if (!expression.startsWith("cron(") || !expression.endsWith(")")) {
      throw new InvalidScheduleExpressionException(expression, "expected cron(fields)");
    }
    String inner = expression.substring("cron(".length(), expression.length() - 1).strip();
    String[] fields = inner.isEmpty() ? new String[0] : inner.split("\\s+");
    if (fields.length != 6) {
      throw new InvalidScheduleExpressionException(
          expression,
          "expected 6 fields (minutes hours day-of-month month day-of-week year), found "
              + fields.length);
    }
    try {
      return new CronExpression(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    } catch (InvalidScheduleExpressionException e) {
      // Report the expression as the caller wrote it, not as normalised.
      throw new InvalidScheduleExpressionException(expression, e.reason());
    }
  }

  @Override
  public String expression() {
    return "cron(" + fields() + ")";
  }

  /**
   * {@inheritDoc}
   *
   * <p>Local times in a spring-forward gap are skipped; local times in a fall-back overlap fire
   * once, at their first occurrence (see the class comment).
   */
  @Override
  public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, ScheduleWindow window) {
    Objects.requireNonNull(after, "after must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    WallClockCron wallClock = compile(expression(), fields());
    Instant searchFrom = window.searchFrom(after);
    LocalDateTime local = LocalDateTime.ofInstant(searchFrom, zone);
    while (true) {
      Optional<LocalDateTime> candidate = wallClock.nextAfter(local);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      local = candidate.get();
      // No valid offset: the local time is in a spring-forward gap and AWS skips it. Two: the
      // first occurrence is the one that fires; reaching the second one here means the search
      // started inside the repeated hour, after that local time had already fired.
      Optional<Instant> fire =
          zone.getRules().getValidOffsets(candidate.get()).stream()
              .map(candidate.get()::toInstant)
              .min(Instant::compareTo);
      if (fire.isPresent() && fire.get().isAfter(searchFrom)) {
        return window.cutAtEnd(fire);
      }
    }
  }

  private String fields() {
    return String.join(" ", minutes, hours, dayOfMonth, month, dayOfWeek, year);
  }

  private static WallClockCron compile(String text, String fields) {
    try {
      return WallClockCron.compile(fields);
    } catch (ParseException e) {
      // AWS-valid syntax that Quartz still refuses, e.g. an increment it does not support.
      throw new InvalidScheduleExpressionException(text, e.getMessage());
    }
  }
}
