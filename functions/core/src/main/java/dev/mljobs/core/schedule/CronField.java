package dev.mljobs.core.schedule;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six fields of an AWS cron expression and the syntax AWS documents for each
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html). Checked here
 * rather than left to Quartz, which accepts more than AWS does ({@code /} in day-of-week, {@code
 * L-3}, lists around {@code #}, years past 2199) and would let a local schedule pass that AWS
 * refuses.
 */
enum CronField {
  MINUTES("minutes", 0, 59, 59, List.of()),
  HOURS("hours", 0, 23, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  DAY_OF_WEEK("day-of-week", 1, 7, 0, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
  YEAR("year", 1970, 2199, 229, List.of());

  private static final Pattern ITEM = Pattern.compile("(\\*|\\w+(?:-\\w+)?)(?:/(\\d+))?");
  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d+)W");
  private static final Pattern LAST_WEEKDAY_OF_MONTH = Pattern.compile("(\\w+)L");
  private static final Pattern NTH_WEEKDAY = Pattern.compile("(\\w+)#(\\d+)");

  private final String label;
  private final int min;
  private final int max;
  private final int maxStep;
  private final List<String> names;

  CronField(String label, int min, int max, int maxStep, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.maxStep = maxStep;
    this.names = names;
  }

  /** The field's name as AWS's documentation writes it. */
  String label() {
    return label;
  }

  /**
   * What is wrong with {@code text} as this field, if anything.
   *
   * @param text the field, upper-cased
   */
  Optional<String> problem(String text) {
    if (text.equals("?")) {
      return isDayField() ? Optional.empty() : Optional.of(label + " does not support '?'");
    }
    if (this == DAY_OF_MONTH && (text.contains("L") || text.contains("W"))) {
      return dayOfMonthSpecial(text);
    }
    if (this == DAY_OF_WEEK && (text.contains("L") || text.contains("#"))) {
      return dayOfWeekSpecial(text);
    }
    for (String item : text.split(",", -1)) {
      Optional<String> problem = itemProblem(item);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  boolean isDayField() {
    return this == DAY_OF_MONTH || this == DAY_OF_WEEK;
  }

  private Optional<String> dayOfMonthSpecial(String text) {
    if (text.equals("L") || text.equals("LW")) {
      return Optional.empty();
    }
    Matcher w = NEAREST_WEEKDAY.matcher(text);
    if (w.matches()) {
      return valueProblem(w.group(1));
    }
    return Optional.of(
        "day-of-month '" + text + "': L and W must stand alone, as L, LW or a day followed by W");
  }

  private Optional<String> dayOfWeekSpecial(String text) {
    if (text.equals("L")) {
      return Optional.empty();
    }
    Matcher last = LAST_WEEKDAY_OF_MONTH.matcher(text);
    if (last.matches()) {
      return valueProblem(last.group(1));
    }
    Matcher nth = NTH_WEEKDAY.matcher(text);
    if (nth.matches()) {
      int n = Integer.parseInt(nth.group(2));
      if (n < 1 || n > 5) {
        return Optional.of("day-of-week '" + text + "': the number after # must be 1-5");
      }
      return valueProblem(nth.group(1));
    }
    return Optional.of(
        "day-of-week '"
            + text
            + "': L and # must stand alone, as L, a day followed by L, or day#n (only one #)");
  }

  private Optional<String> itemProblem(String item) {
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      return Optional.of("invalid " + label + " value '" + item + "'");
    }
    if (m.group(2) != null) {
      if (this == DAY_OF_WEEK) {
        return Optional.of("day-of-week does not support '/'");
      }
      String digits = m.group(2);
      int step = digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
      if (step < 1 || step > maxStep) {
        return Optional.of(label + " increment /" + digits + " must be 1-" + maxStep);
      }
    }
    if (m.group(1).equals("*")) {
      return Optional.empty();
    }
    String[] bounds = m.group(1).split("-");
    for (String bound : bounds) {
      Optional<String> problem = valueProblem(bound);
      if (problem.isPresent()) {
        return problem;
      }
    }
    // Quartz wraps a backwards range round (FRI-MON, 22-2); a year cannot wrap.
    if (this == YEAR && bounds.length == 2 && value(bounds[0]) > value(bounds[1])) {
      return Optional.of("year range " + m.group(1) + " must not run backwards");
    }
    return Optional.empty();
  }

  private Optional<String> valueProblem(String text) {
    int value = value(text);
    if (value < min || value > max) {
      String allowed = names.isEmpty() ? min + "-" + max : min + "-" + max + " or " + namesRange();
      return Optional.of(label + " value '" + text + "' must be " + allowed);
    }
    return Optional.empty();
  }

  /** The number {@code text} stands for, or -1 if it is neither a number nor a name. */
  private int value(String text) {
    if (text.matches("\\d{1,4}")) {
      return Integer.parseInt(text);
    }
    int index = names.indexOf(text);
    return index < 0 ? -1 : index + min;
  }

  private String namesRange() {
    return names.get(0) + "-" + names.get(names.size() - 1);
  }
}
