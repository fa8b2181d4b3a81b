package dev.mljobs.handlers.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.ErrorMessages;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.RunDetails;
import java.io.IOException;

/**
 * Turns the Error Output of a failed task ({@code {"Error": ..., "Cause": ...}}) into a sentence
 * for the job's {@code error_message}, in the worker's own words where possible, and into the kind
 * of the failure: the worker's own classification ({@link FailureKind#errorName()} on Lambda,
 * {@link FailureKind#exitCode()} on Batch); timeouts and anything unknown are transient.
 */
final class FailureReasons {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why an attempt failed, at most {@link ErrorMessages#MAX_LENGTH} characters, and its kind. */
  record Failure(String reason, FailureKind kind, RunDetails details) {
    Failure {
      reason = ErrorMessages.fit(reason);
    }

    Failure(String reason, FailureKind kind) {
      this(reason, kind, RunDetails.NONE);
    }
  }

  private FailureReasons() {}

  static Failure of(JsonNode errorOutput, int timeoutSeconds) {
    String error = errorOutput.path("Error").asText("");
    String cause = errorOutput.path("Cause").asText("");
    if (error.equals("States.Timeout")) {
      return transientFailure("timed out after " + timeoutSeconds + " s");
    }
    if (error.equals("States.HeartbeatTimeout")) {
      return transientFailure("the worker stopped reporting (heartbeat timeout)");
    }
    JsonNode details = parse(cause);
    if (details.has("errorMessage")) {
      // Lambda: Error is the exception's class name (errorType), Cause its error payload
      return new Failure(
          details.get("errorMessage").asText(),
          FailureKind.ofErrorName(details.path("errorType").asText(error)));
    }
    if (details.has("Container")) {
      // Batch: Cause is the job's description; the exit code carries the worker's classification
      String reason = details.at("/Container/Reason").asText("");
      int exit = details.at("/Container/ExitCode").asInt(-1);
      String status = details.path("StatusReason").asText("");
      return new Failure(
          "worker exited with code "
              + exit
              + (reason.isBlank() ? (status.isBlank() ? "" : ": " + status) : ": " + reason),
          details.at("/Container/ExitCode").isInt()
              ? FailureKind.ofExitCode(exit)
              : FailureKind.TRANSIENT,
          batchDetails(details));
    }
    if (error.isBlank()) {
      return transientFailure(cause.isBlank() ? "the attempt failed for an unknown reason" : cause);
    }
    return transientFailure(cause.isBlank() ? error : error + ": " + cause);
  }

  /** The Batch job's id, exit code and log stream, as its description names them. */
  static RunDetails batchDetails(JsonNode description) {
    String jobId = description.path("JobId").asText(null);
    JsonNode exit = description.at("/Container/ExitCode");
    String log = description.at("/Container/LogStreamName").asText(null);
    return new RunDetails(
        jobId == null || jobId.isBlank() ? null : jobId,
        exit.isInt() ? exit.asInt() : null,
        log == null || log.isBlank() ? null : log);
  }

  private static Failure transientFailure(String reason) {
    return new Failure(reason, FailureKind.TRANSIENT);
  }

  private static JsonNode parse(String cause) {
    if (!cause.startsWith("{")) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(cause);
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }
}
