package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * One rule of a Retry field.
 *
 * @param maxDelaySeconds 0 when there is no cap
 * @param fullJitter whether each delay is drawn at random between 0 and the computed delay
 */
record Retrier(
    List<String> errorEquals,
    int intervalSeconds,
    int maxAttempts,
    double backoffRate,
    int maxDelaySeconds,
    boolean fullJitter) {
  private static final Set<String> FIELDS =
      Set.of(
          "ErrorEquals",
          "IntervalSeconds",
          "MaxAttempts",
          "BackoffRate",
          "MaxDelaySeconds",
          "JitterStrategy",
          "Comment");

  Retrier {
    errorEquals = List.copyOf(errorEquals);
    if (errorEquals.isEmpty() || intervalSeconds < 1 || maxAttempts < 0 || backoffRate < 1.0) {
      throw new IllegalArgumentException("invalid retrier");
    }
  }

  static Retrier read(String state, int index, JsonNode json) {
    FieldReader fields = new FieldReader(state, json);
    fields.allowOnly(FIELDS, "a Retry rule (Retry[" + index + "])");
    String jitter = fields.has("JitterStrategy") ? fields.string("JitterStrategy") : "NONE";
    if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
      throw fields.invalid("JitterStrategy", "must be FULL or NONE");
    }
    return new Retrier(
        fields.strings("ErrorEquals"),
        fields.integer("IntervalSeconds", 1, 1),
        fields.integer("MaxAttempts", 0, 3),
        fields.number("BackoffRate", 1.0, 2.0),
        fields.integer("MaxDelaySeconds", 1, 0),
        jitter.equals("FULL"));
  }

  boolean appliesTo(StatesError error) {
    return errorEquals.stream().anyMatch(error::matches);
  }

  /**
   * The pause before retry number {@code retriesSoFar + 1}: IntervalSeconds × BackoffRate^n, capped
   * by MaxDelaySeconds, and with full jitter a uniform draw below that.
   *
   * @param random a value in [0, 1)
   */
  Duration delay(int retriesSoFar, DoubleSupplier random) {
    double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
    if (maxDelaySeconds > 0) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    if (fullJitter) {
      seconds *= random.getAsDouble();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
