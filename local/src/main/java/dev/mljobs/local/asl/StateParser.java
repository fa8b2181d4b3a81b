package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one state of any type into its record, checking every field it uses. */
final class StateParser {
  private final GraphParser graphs;

  StateParser(GraphParser graphs) {
    this.graphs = graphs;
  }

  State parse(String name, JsonNode json) {
    FieldReader fields = new FieldReader(name, json);
    String type = fields.string("Type");
    if (!AllowedFields.isType(type)) {
      throw fields.invalid("Type", "unknown state type '" + type + "'");
    }
    String language = fields.optionalString("QueryLanguage");
    if (language != null && !language.equals("JSONPath")) {
      throw fields.invalid("QueryLanguage", "only JSONPath is supported, not " + language);
    }
    AllowedFields.check(fields, type);
    return switch (type) {
      case "Task" -> task(fields);
      case "Pass" -> new PassState(header(fields, "Parameters", true), fields.json().get("Result"));
      case "Choice" -> choice(fields);
      case "Wait" -> waitState(fields);
      case "Succeed" -> new SucceedState(header(fields, null, false));
      case "Fail" -> fail(fields);
      case "Parallel" -> parallel(fields);
      default -> MapParser.parse(fields, header(fields, null, true), graphs);
    };
  }

  /**
   * @param parametersField the field read as Parameters, or null for types that have none (a Map
   *     selects per item, which is not the Parameters step)
   * @param moves whether the state has Next/End
   */
  static StateHeader header(FieldReader fields, String parametersField, boolean moves) {
    String type = fields.string("Type");
    boolean handlesErrors = Set.of("Task", "Parallel", "Map").contains(type);
    return new StateHeader(
        fields.state(),
        type,
        fields.json(),
        Io.read(fields, parametersField),
        moves ? Transition.read(fields) : Transition.END,
        handlesErrors ? ErrorHandling.read(fields) : ErrorHandling.NONE);
  }

  private static TaskState task(FieldReader fields) {
    fields.exclusive("TimeoutSeconds", "TimeoutSecondsPath");
    fields.exclusive("HeartbeatSeconds", "HeartbeatSecondsPath");
    int timeout = fields.integer("TimeoutSeconds", 1, 0);
    int heartbeat = fields.integer("HeartbeatSeconds", 1, 0);
    if (timeout > 0 && heartbeat >= timeout) {
      throw fields.invalid("HeartbeatSeconds", "must be smaller than TimeoutSeconds");
    }
    return new TaskState(
        header(fields, "Parameters", true),
        fields.string("Resource"),
        timeout,
        fields.has("TimeoutSecondsPath") ? fields.path("TimeoutSecondsPath") : null,
        heartbeat,
        fields.has("HeartbeatSecondsPath") ? fields.path("HeartbeatSecondsPath") : null);
  }

  private static ChoiceState choice(FieldReader fields) {
    JsonNode choices = fields.json().get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw fields.invalid("Choices", "must be a non-empty array of rules");
    }
    ChoiceRuleParser rules = new ChoiceRuleParser(fields.state());
    List<ChoiceState.Branch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      branches.add(rules.branch(choices.get(i), i));
    }
    return new ChoiceState(header(fields, null, false), branches, fields.optionalString("Default"));
  }

  private static WaitState waitState(FieldReader fields) {
    long given =
        List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream()
            .filter(fields::has)
            .count();
    if (given != 1) {
      throw fields.invalid(
          "Seconds", "a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath");
    }
    String timestamp = fields.optionalString("Timestamp");
    return new WaitState(
        header(fields, null, true),
        fields.has("Seconds") ? fields.integer("Seconds", 0, 0) : null,
        timestamp == null
            ? null
            : Timestamps.parse(timestamp)
                .orElseThrow(() -> fields.invalid("Timestamp", "not an RFC 3339 timestamp")),
        fields.has("SecondsPath") ? fields.path("SecondsPath") : null,
        fields.has("TimestampPath") ? fields.path("TimestampPath") : null);
  }

  private static FailState fail(FieldReader fields) {
    fields.exclusive("Error", "ErrorPath");
    fields.exclusive("Cause", "CausePath");
    return new FailState(
        header(fields, null, false),
        fields.optionalString("Error"),
        fields.optionalString("Cause"),
        fields.expression("ErrorPath"),
        fields.expression("CausePath"));
  }

  private ParallelState parallel(FieldReader fields) {
    JsonNode branches = fields.json().get("Branches");
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      throw fields.invalid("Branches", "must be a non-empty array of state machines");
    }
    List<StateGraph> graphsOut = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      graphsOut.add(graphs.parse(branches.get(i), fields.state(), "Branches[" + i + "]"));
    }
    return new ParallelState(header(fields, "Parameters", true), graphsOut);
  }
}
