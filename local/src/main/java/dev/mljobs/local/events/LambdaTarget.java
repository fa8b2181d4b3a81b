package dev.mljobs.local.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.time.Duration;
import java.util.Objects;

/**
 * The function a notification invokes: a handler served in-process, with the name and timeout its
 * {@link dev.mljobs.local.lambda.LocalContext} reports.
 *
 * @param functionName the function's name
 * @param handler the handler class that runs in AWS
 * @param timeout the function's configured timeout (reported to the handler, not enforced)
 */
public record LambdaTarget(
    String functionName, RequestHandler<S3Event, ?> handler, Duration timeout) {

  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is missing
   * @throws IllegalArgumentException if the name is blank or the timeout outside Lambda's 1 s to 15
   *     min
   */
  public LambdaTarget {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(timeout, "timeout");
    if (functionName.isBlank()) {
      throw new IllegalArgumentException("functionName must not be blank");
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
      throw new IllegalArgumentException("timeout must be 1 s to 15 min, got " + timeout);
    }
  }
}
