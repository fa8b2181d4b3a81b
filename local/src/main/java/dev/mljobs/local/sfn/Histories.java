package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Execution histories in the API's JSON, as this service shows them. */
final class Histories {
  private static final List<String> DATA_FIELDS =
      List.of("input", "inputDetails", "output", "outputDetails");

  private Histories() {}

  /**
   * The history of a run that restarted an execution from the beginning: the execution's first
   * ExecutionStarted (dated when it first started), an ExecutionRedriven event, then the new run's
   * events, renumbered after them. Events of the runs cut short by a restart are not kept.
   */
  static List<ObjectNode> redriven(
      List<HistoryEvent> run, Instant firstStart, int redriveCount, Instant redriveDate) {
    List<ObjectNode> events = new ArrayList<>(run.size() + 1);
    for (HistoryEvent event : run) {
      ObjectNode json = event.toJson();
      if (event.id() == 1) {
        json.put("timestamp", ApiJson.seconds(firstStart));
        events.add(json);
        events.add(redrivenEvent(redriveCount, redriveDate));
      } else {
        json.put("id", event.id() + 1);
        json.put("previousEventId", event.previousEventId() + 1);
        events.add(json);
      }
    }
    return events;
  }

  private static ObjectNode redrivenEvent(int redriveCount, Instant redriveDate) {
    ObjectNode json = ApiJson.object();
    json.put("timestamp", ApiJson.seconds(redriveDate));
    json.put("type", "ExecutionRedriven");
    json.put("id", 2);
    json.put("previousEventId", 1);
    json.putObject("executionRedrivenEventDetails").put("redriveCount", redriveCount);
    return json;
  }

  /** The event without its input and output, for {@code includeExecutionData: false}. */
  static ObjectNode withoutData(ObjectNode event) {
    ObjectNode copy = event.deepCopy();
    copy.properties()
        .forEach(
            field -> {
              if (field.getKey().endsWith("EventDetails") && field.getValue().isObject()) {
                ((ObjectNode) field.getValue()).remove(DATA_FIELDS);
              }
            });
    return copy;
  }
}
