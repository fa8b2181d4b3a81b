package dev.mljobs.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.StatesError;
import dev.mljobs.local.asl.TaskRequest;
import dev.mljobs.local.lambda.LocalFunctions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Lambda tasks with Step Functions' semantics, served by in-process functions: the optimized {@code
 * arn:aws:states:::lambda:invoke} (Parameters {@code FunctionName} and {@code Payload}; result
 * wraps the payload with {@code StatusCode} and metadata) and a plain function ARN (the state input
 * is the event; the result is the payload itself). A function error fails the task with the error's
 * {@code errorType} as the error name and the error payload as the cause.
 */
final class LambdaTasks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LocalFunctions functions;

  LambdaTasks(LocalFunctions functions) {
    this.functions = functions;
  }

  JsonNode invokeOptimized(TaskRequest request) throws InterruptedException {
    JsonNode name = request.input().get("FunctionName");
    if (name == null || !name.isTextual()) {
      throw new StatesError("States.Runtime", "lambda:invoke needs Parameters.FunctionName");
    }
    JsonNode payload =
        request.input().has("Payload") ? request.input().get("Payload") : request.input();
    JsonNode result = invoke(name.asText(), payload);
    ObjectNode wrapped = JSON.createObjectNode();
    wrapped.put("ExecutedVersion", "$LATEST");
    wrapped.set("Payload", result);
    ObjectNode http = wrapped.putObject("SdkHttpMetadata");
    http.putObject("HttpHeaders").put("Content-Type", "application/json");
    http.put("HttpStatusCode", 200);
    wrapped.putObject("SdkResponseMetadata").put("RequestId", UUID.randomUUID().toString());
    wrapped.put("StatusCode", 200);
    return wrapped;
  }

  JsonNode invokeFunctionArn(TaskRequest request) throws InterruptedException {
    return invoke(request.resource(), request.input());
  }

  private JsonNode invoke(String function, JsonNode payload) throws InterruptedException {
    if (functions.find(function).isEmpty()) {
      throw new StatesError("Lambda.ResourceNotFoundException", "Function not found: " + function);
    }
    LocalFunctions.Invocation answer;
    try {
      answer = functions.invoke(function, JSON.writeValueAsBytes(payload));
    } catch (IOException e) {
      throw new StatesError("States.Runtime", "cannot serialise the payload: " + e.getMessage());
    }
    String body = new String(answer.payload(), StandardCharsets.UTF_8);
    if (answer.failed()) {
      JsonNode error = parse(body);
      String type = error.path("errorType").asText("Lambda.Unknown");
      throw new StatesError(type, body);
    }
    return parse(body);
  }

  /** Lambda returns JSON; anything else reaches the state machine as a string. */
  private static JsonNode parse(String body) {
    if (body.isEmpty()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
