package dev.mljobs.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.StatesError;
import dev.mljobs.local.asl.TaskContext;
import dev.mljobs.local.asl.TaskHandler;
import dev.mljobs.local.asl.TaskRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task states of {@code job-lifecycle.asl.json} played by a script: each state answers as the
 * steps function and the worker do when all is well, unless a scripted outcome (an error, or
 * another payload) is queued for its next call. Every call's input is kept.
 */
final class LifecycleScript implements TaskHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Deque<Object>> scripted = new HashMap<>();
  private final List<TaskRequest> calls = new ArrayList<>();
  private int attempt;

  /** The next {@code times} calls of {@code state} fail with {@code error}. */
  synchronized LifecycleScript fail(String state, String error, int times) {
    for (int i = 0; i < times; i++) {
      scripted.computeIfAbsent(state, s -> new ArrayDeque<>()).add(new StatesError(error, "c"));
    }
    return this;
  }

  /** The next call of {@code state} fails with {@code error} and {@code cause}. */
  synchronized LifecycleScript fail(String state, String error, String cause) {
    scripted.computeIfAbsent(state, s -> new ArrayDeque<>()).add(new StatesError(error, cause));
    return this;
  }

  /** The next call of the steps function's {@code state} answers {@code payload}. */
  synchronized LifecycleScript answer(String state, String payload) {
    scripted.computeIfAbsent(state, s -> new ArrayDeque<>()).add(json(payload));
    return this;
  }

  synchronized List<TaskRequest> callsOf(String state) {
    return calls.stream().filter(c -> c.stateName().equals(state)).toList();
  }

  @Override
  public synchronized JsonNode execute(TaskRequest request, TaskContext context) {
    calls.add(request);
    Object next = scripted.getOrDefault(request.stateName(), new ArrayDeque<>()).poll();
    if (next instanceof StatesError error) {
      throw error;
    }
    JsonNode payload = next != null ? (JsonNode) next : normal(request.stateName());
    if (request.stateName().equals("RunOnBatch")) {
      return payload; // submitJob.sync answers the job's description
    }
    ObjectNode invoked = JSON.createObjectNode().put("StatusCode", 200);
    invoked.set("Payload", payload);
    return invoked;
  }

  private JsonNode normal(String state) {
    return switch (state) {
      case "MarkRunning" ->
          json(
              "{\"run\":true,\"attempt\":"
                  + (++attempt)
                  + ",\"started_at\":\"2030-01-01T00:00:00Z\",\"runtime\":\"lambda\","
                  + "\"timeout_seconds\":900,\"work\":{\"job_id\":\"j\"},\"environment\":[]}");
      case "RunOnLambda" -> json("{\"slept_ms\":0}");
      case "RunOnBatch" -> json("{\"JobId\":\"b-1\",\"Status\":\"SUCCEEDED\"}");
      case "MarkCompleted" -> json("{\"status\":\"completed\"}");
      case "AttemptFailed" -> json("{\"status\":\"queued\",\"retry\":true}");
      case "Abandon" -> json("{\"status\":\"failed\"}");
      default -> throw new StatesError("States.Runtime", "no such task state " + state);
    };
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
