package dev.mljobs.core.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The unit of a {@code rate()} expression, with the singular and plural words AWS requires. */
public enum RateUnit {
  MINUTES("minute", "minutes", Duration.ofMinutes(1)),
  HOURS("hour", "hours", Duration.ofHours(1)),
  // A day is 24 hours on the clock, also across daylight-saving changes (see RateExpression).
  DAYS("day", "days", Duration.ofDays(1));

  private final String singular;
  private final String plural;
  private final Duration length;

  RateUnit(String singular, String plural, Duration length) {
    this.singular = singular;
    this.plural = plural;
    this.length = length;
  }

  /** The word to write after {@code value}: singular for 1, plural otherwise. */
  public String word(long value) {
    return value == 1 ? singular : plural;
  }

  /** How long one unit lasts. */
  public Duration length() {
    return length;
  }

  /** The unit written as {@code word}, singular or plural. */
  static Optional<RateUnit> fromWord(String word) {
    return Arrays.stream(values())
        .filter(u -> u.singular.equals(word) || u.plural.equals(word))
        .findFirst();
  }
}
