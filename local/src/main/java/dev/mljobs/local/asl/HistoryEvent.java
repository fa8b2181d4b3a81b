package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of an execution's history, shaped like an element of GetExecutionHistory's {@code
 * events}.
 *
 * @param id 1 for the first event, then counting up
 * @param previousEventId the event this one follows in its branch, 0 for the first
 * @param details the type's details object (fields as in the API), empty when the type has none
 */
public record HistoryEvent(
    long id, long previousEventId, Instant timestamp, HistoryEventType type, ObjectNode details) {
  public HistoryEvent {
    if (id < 1 || previousEventId < 0 || previousEventId >= id) {
      throw new IllegalArgumentException("ids count from 1 and point backwards");
    }
    if (timestamp == null || type == null || details == null) {
      throw new IllegalArgumentException("timestamp, type and details are required");
    }
    details = details.deepCopy();
  }

  @Override
  public ObjectNode details() {
    return details.deepCopy();
  }

  /**
   * The event as the API's JSON: {@code timestamp} in epoch seconds, {@code type}, {@code id},
   * {@code previousEventId} and the type's details field.
   */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("timestamp", BigDecimal.valueOf(timestamp.toEpochMilli()).movePointLeft(3));
    json.put("type", type.apiName());
    json.put("id", id);
    json.put("previousEventId", previousEventId);
    type.detailsField().ifPresent(field -> json.set(field, details.deepCopy()));
    return json;
  }
}
