package dev.mljobs.core.schedule;

import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Quartz's cron evaluator, used on wall-clock time only. Quartz is run in UTC, where no local time
 * is missing or repeated; {@link CronExpression} then maps each local time to an instant with AWS's
 * daylight-saving rules, which Quartz alone does not follow (in a fall-back overlap it fires at the
 * second occurrence, not the first).
 *
 * <p>Quartz stops at {@code org.quartz.CronExpression.MAX_YEAR}, 100 years after the JVM's current
 * year: a fire later than that (AWS allows years up to 2199) is reported as none.
 */
final class WallClockCron {

  private final org.quartz.CronExpression quartz;

  private WallClockCron(org.quartz.CronExpression quartz) {
    this.quartz = quartz;
  }

  /**
   * Compiles AWS's six cron fields; Quartz's seconds field is always 0.
   *
   * @param awsFields the six fields, already checked against AWS's syntax
   * @throws ParseException if Quartz cannot evaluate them
   */
  static WallClockCron compile(String awsFields) throws ParseException {
    // A new Quartz object per evaluation: it is mutable (setTimeZone) and not documented as
    // thread-safe, and compiling one takes microseconds.
    org.quartz.CronExpression quartz = new org.quartz.CronExpression("0 " + awsFields);
    quartz.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    return new WallClockCron(quartz);
  }

  /** The first matching wall-clock time strictly after {@code localTime}, whole minutes. */
  Optional<LocalDateTime> nextAfter(LocalDateTime localTime) {
    Date next = quartz.getTimeAfter(Date.from(localTime.toInstant(ZoneOffset.UTC)));
    return Optional.ofNullable(next)
        .map(d -> LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
  }
}
