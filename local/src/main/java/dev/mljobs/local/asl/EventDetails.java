package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the details objects of history events, with the API's field names. */
final class EventDetails {
  private static final String STATES_ARN_PREFIX = "arn:aws:states:::";

  private EventDetails() {}

  static ObjectNode executionStarted(JsonNode input, String roleArn, String stateMachineArn) {
    ObjectNode details = withPayload("input", input);
    details.put("roleArn", roleArn);
    details.put("stateMachineArn", stateMachineArn);
    return details;
  }

  static ObjectNode state(String name, String payloadField, JsonNode payload) {
    ObjectNode details = withPayload(payloadField, payload);
    details.put("name", name);
    return details;
  }

  static ObjectNode output(JsonNode output) {
    return withPayload("output", output);
  }

  /** Error and cause, leaving out what is null. */
  static ObjectNode error(String error, String cause) {
    ObjectNode details = Json.object();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    return details;
  }

  static ObjectNode mapStarted(int length) {
    return Json.object().put("length", length);
  }

  static ObjectNode mapIteration(String mapState, int index) {
    return Json.object().put("name", mapState).put("index", index);
  }

  /**
   * {@code resourceType} and {@code resource} as the API splits them: {@code
   * arn:aws:states:::lambda:invoke} is type {@code lambda}, resource {@code invoke}; another ARN (a
   * Lambda function, an activity) keeps its service as the type and itself as the resource.
   */
  static ObjectNode task(String resourceArn) {
    ObjectNode details = Json.object();
    if (resourceArn.startsWith(STATES_ARN_PREFIX)) {
      String rest = resourceArn.substring(STATES_ARN_PREFIX.length());
      int colon = rest.indexOf(':');
      details.put("resourceType", colon < 0 ? rest : rest.substring(0, colon));
      details.put("resource", colon < 0 ? rest : rest.substring(colon + 1));
    } else {
      String[] parts = resourceArn.split(":");
      details.put("resourceType", parts.length > 2 ? parts[2] : resourceArn);
      details.put("resource", resourceArn);
    }
    return details;
  }

  static ObjectNode taskScheduled(
      String resourceArn, String region, JsonNode parameters, int timeout, int heartbeat) {
    ObjectNode details = task(resourceArn);
    details.put("region", region);
    details.put("parameters", Json.write(parameters));
    if (timeout > 0) {
      details.put("timeoutInSeconds", timeout);
    }
    if (heartbeat > 0) {
      details.put("heartbeatInSeconds", heartbeat);
    }
    return details;
  }

  static ObjectNode taskSucceeded(String resourceArn, JsonNode output) {
    ObjectNode details = task(resourceArn);
    details.setAll(output(output));
    return details;
  }

  static ObjectNode taskError(String resourceArn, StatesError error) {
    ObjectNode details = task(resourceArn);
    details.setAll(error(error.error(), error.cause()));
    return details;
  }

  /** A JSON payload as the API shows it: as text, with a note that it was not truncated. */
  private static ObjectNode withPayload(String field, JsonNode payload) {
    ObjectNode details = Json.object();
    details.put(field, Json.write(payload));
    details.putObject(field + "Details").put("truncated", false);
    return details;
  }
}
