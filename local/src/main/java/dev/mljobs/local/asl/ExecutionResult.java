package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * How an execution ended.
 *
 * @param output the output when SUCCEEDED (JSON null is a NullNode), else null
 * @param error the error name when not SUCCEEDED; may be null (a Fail state without Error, a stop
 *     without one)
 * @param cause the cause when not SUCCEEDED, or null
 */
public record ExecutionResult(
    ExecutionStatus status,
    JsonNode output,
    String error,
    String cause,
    Instant startDate,
    Instant stopDate) {
  public ExecutionResult {
    if (status == null || status == ExecutionStatus.RUNNING) {
      throw new IllegalArgumentException("a result has a final status, not " + status);
    }
    if ((status == ExecutionStatus.SUCCEEDED) != (output != null)) {
      throw new IllegalArgumentException("output is given exactly when SUCCEEDED");
    }
    if (status == ExecutionStatus.SUCCEEDED && (error != null || cause != null)) {
      throw new IllegalArgumentException("a success has no error");
    }
    if (startDate == null || stopDate == null || stopDate.isBefore(startDate)) {
      throw new IllegalArgumentException("start and stop dates are required, in order");
    }
  }

  static ExecutionResult succeeded(JsonNode output, Instant start, Instant stop) {
    return new ExecutionResult(ExecutionStatus.SUCCEEDED, output, null, null, start, stop);
  }

  static ExecutionResult ended(
      ExecutionStatus status, String error, String cause, Instant start, Instant stop) {
    return new ExecutionResult(status, null, error, cause, start, stop);
  }
}
