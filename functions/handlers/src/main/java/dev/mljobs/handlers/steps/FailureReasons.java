package dev.mljobs.handlers.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns the Error Output of a failed task ({@code {"Error": ..., "Cause": ...}}) into a sentence
 * for the job's {@code error_message}: what went wrong, in the worker's own words where possible.
 */
final class FailureReasons {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FailureReasons() {}

  static String of(JsonNode errorOutput, int timeoutSeconds) {
    String error = errorOutput.path("Error").asText("");
    String cause = errorOutput.path("Cause").asText("");
    if (error.equals("States.Timeout")) {
      return "timed out after " + timeoutSeconds + " s";
    }
    if (error.equals("States.HeartbeatTimeout")) {
      return "the worker stopped reporting (heartbeat timeout)";
    }
    JsonNode details = parse(cause);
    if (details.has("errorMessage")) {
      return details.get("errorMessage").asText();
    }
    if (details.has("Container")) {
      String reason = details.at("/Container/Reason").asText("");
      int exit = details.at("/Container/ExitCode").asInt(-1);
      String status = details.path("StatusReason").asText("");
      return "worker exited with code "
          + exit
          + (reason.isBlank() ? (status.isBlank() ? "" : ": " + status) : ": " + reason);
    }
    if (error.isBlank()) {
      return cause.isBlank() ? "the attempt failed for an unknown reason" : cause;
    }
    return cause.isBlank() ? error : error + ": " + cause;
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
