package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a StartAt/States graph and checks it as a whole: every transition names a state of the same
 * graph, every state is reachable, something ends the graph, and no state name is used twice
 * anywhere in the machine.
 */
final class GraphParser {
  private static final Set<String> GRAPH_FIELDS =
      Set.of("StartAt", "States", "Comment", "ProcessorConfig", "QueryLanguage");
  private static final int MAX_NAME = 80;

  private final Set<String> allNames = new HashSet<>();
  private final StateParser states = new StateParser(this);

  /**
   * @param owner the Parallel or Map state holding this graph, or null for the machine itself
   * @param where the owner's field holding it, or null
   */
  StateGraph parse(JsonNode json, String owner, String where) {
    String prefix = where == null ? "" : where + ".";
    if (json == null || !json.isObject()) {
      throw new InvalidDefinitionException(
          owner, where, "must be an object with StartAt and States");
    }
    if (owner != null) {
      json.fieldNames()
          .forEachRemaining(
              field -> {
                if (!GRAPH_FIELDS.contains(field)) {
                  throw new InvalidDefinitionException(owner, prefix + field, "unknown field");
                }
              });
    }
    JsonNode startAt = json.get("StartAt");
    if (startAt == null || !startAt.isTextual()) {
      throw new InvalidDefinitionException(owner, prefix + "StartAt", "is required");
    }
    JsonNode statesJson = json.get("States");
    if (statesJson == null || !statesJson.isObject() || statesJson.isEmpty()) {
      throw new InvalidDefinitionException(
          owner, prefix + "States", "must name at least one state");
    }
    Map<String, State> graph = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : statesJson.properties()) {
      String name = entry.getKey();
      if (name.isEmpty() || name.length() > MAX_NAME) {
        throw new InvalidDefinitionException(name, null, "a state name has 1 to 80 characters");
      }
      if (!allNames.add(name)) {
        throw new InvalidDefinitionException(name, null, "the name is used by another state");
      }
      graph.put(name, states.parse(name, entry.getValue()));
    }
    if (!graph.containsKey(startAt.textValue())) {
      throw new InvalidDefinitionException(
          owner, prefix + "StartAt", "names no state of its States: '" + startAt.textValue() + "'");
    }
    checkTransitions(graph);
    checkReachable(graph, startAt.textValue());
    if (graph.values().stream().noneMatch(GraphParser::ends)) {
      throw new InvalidDefinitionException(
          owner, prefix + "States", "no state ends the machine (End, Succeed or Fail)");
    }
    return new StateGraph(startAt.textValue(), graph);
  }

  private static void checkTransitions(Map<String, State> graph) {
    for (State state : graph.values()) {
      targets(state)
          .forEach(
              target -> {
                if (!graph.containsKey(target.next())) {
                  throw new InvalidDefinitionException(
                      state.name(), target.field(), "names no state here: '" + target.next() + "'");
                }
              });
    }
  }

  private static void checkReachable(Map<String, State> graph, String startAt) {
    Set<String> seen = new HashSet<>(List.of(startAt));
    Deque<String> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      targets(graph.get(todo.pop())).map(Target::next).filter(seen::add).forEach(todo::push);
    }
    for (String name : graph.keySet()) {
      if (!seen.contains(name)) {
        throw new InvalidDefinitionException(name, null, "no other state leads to it");
      }
    }
  }

  private static boolean ends(State state) {
    return state instanceof SucceedState
        || state instanceof FailState
        || (!(state instanceof ChoiceState) && state.header().transition().isEnd());
  }

  /** Every state name a state can go to, with the field that names it. */
  private static Stream<Target> targets(State state) {
    Stream.Builder<Target> out = Stream.builder();
    String next = state.header().transition().next();
    if (next != null) {
      out.add(new Target("Next", next));
    }
    if (state instanceof ChoiceState choice) {
      for (int i = 0; i < choice.choices().size(); i++) {
        out.add(new Target("Choices[" + i + "].Next", choice.choices().get(i).next()));
      }
      if (choice.defaultNext() != null) {
        out.add(new Target("Default", choice.defaultNext()));
      }
    }
    List<Catcher> catchers = state.header().errors().catchers();
    for (int i = 0; i < catchers.size(); i++) {
      out.add(new Target("Catch[" + i + "].Next", catchers.get(i).next()));
    }
    return out.build();
  }

  private record Target(String field, String next) {}
}
