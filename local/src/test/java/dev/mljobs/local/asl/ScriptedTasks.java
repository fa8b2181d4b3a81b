package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task handler that follows a conformance case's {@code task_behaviour}: each Task state name has
 * a list of results or errors, consumed one per call with one counter per name for the whole
 * execution; a state without a list echoes its input.
 */
final class ScriptedTasks implements TaskHandler {
  private final JsonNode behaviour;
  private final Map<String, List<JsonNode>> inputs = new ConcurrentHashMap<>();
  private final List<String> problems = new ArrayList<>();

  ScriptedTasks(JsonNode behaviour) {
    this.behaviour = behaviour == null ? Json.object() : behaviour;
  }

  @Override
  public JsonNode execute(TaskRequest request, TaskContext context) {
    String state = request.stateName();
    int call;
    synchronized (this) {
      List<JsonNode> calls = inputs.computeIfAbsent(state, s -> new ArrayList<>());
      calls.add(request.input().deepCopy());
      call = calls.size();
    }
    JsonNode list = behaviour.get(state);
    if (list == null) {
      return request.input();
    }
    JsonNode entry = list.get(call - 1);
    if (entry == null) {
      String problem = state + " was called " + call + " times but has " + list.size() + " entries";
      synchronized (this) {
        problems.add(problem);
      }
      throw new StatesError("HarnessBehaviourExhausted", problem);
    }
    if (entry.has("error")) {
      throw new StatesError(entry.get("error").asText(), entry.path("cause").asText(""));
    }
    return entry.get("return").deepCopy();
  }

  synchronized Map<String, Integer> calls() {
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    inputs.forEach((state, list) -> calls.put(state, list.size()));
    return calls;
  }

  synchronized List<JsonNode> inputsOf(String state) {
    return List.copyOf(inputs.getOrDefault(state, List.of()));
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
