package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.ExecutionRequest;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is kept of an execution: written when it starts (so that it can be re-run after a crash) and
 * again when it ends (with its result and its whole history).
 *
 * @param definition the definition it runs: the machine's when it started, as AWS keeps running
 *     executions on the definition they started with
 * @param seq start order, for listing and paging (newest first)
 * @param redriveCount how many times it was re-run from the beginning after a restart
 * @param redriveDate when it last was, or null if never
 * @param result how it ended (dated from {@code startDate}), or null while it runs
 * @param history its events in the API's JSON, once it has ended; empty while it runs
 */
record StoredExecution(
    ExecutionRequest request,
    JsonNode definition,
    Instant startDate,
    long seq,
    int redriveCount,
    Instant redriveDate,
    ExecutionResult result,
    List<ObjectNode> history) {
  StoredExecution {
    if (request == null || definition == null || startDate == null || seq < 0) {
      throw new IllegalArgumentException("request, definition, startDate and seq >= 0 required");
    }
    if (redriveCount < 0 || (redriveCount == 0) != (redriveDate == null)) {
      throw new IllegalArgumentException("a redrive date exactly when redriven");
    }
    if (result != null && !result.startDate().equals(startDate)) {
      throw new IllegalArgumentException("the result is dated from the execution's start");
    }
    history = history.stream().map(ObjectNode::deepCopy).toList();
  }

  /** A new execution, running. */
  static StoredExecution started(
      ExecutionRequest request, JsonNode definition, Instant startDate, long seq) {
    return new StoredExecution(request, definition, startDate, seq, 0, null, null, List.of());
  }

  String executionArn() {
    return request.executionArn();
  }

  ExecutionStatus status() {
    return result == null ? ExecutionStatus.RUNNING : result.status();
  }

  /** The same execution, about to run again from the beginning. */
  StoredExecution redriven(Instant now) {
    return new StoredExecution(
        request, definition, startDate, seq, redriveCount + 1, now, null, List.of());
  }

  /** The same execution, ended as {@code end} says (whatever start date that run had). */
  StoredExecution finished(ExecutionResult end, List<ObjectNode> events) {
    ExecutionResult dated =
        new ExecutionResult(
            end.status(), end.output(), end.error(), end.cause(), startDate, end.stopDate());
    return new StoredExecution(
        request, definition, startDate, seq, redriveCount, redriveDate, dated, events);
  }

  ObjectNode toJson() {
    ObjectNode json = ApiJson.object();
    json.put("executionArn", executionArn());
    json.put("stateMachineArn", request.stateMachineArn());
    json.put("name", request.name());
    json.set("input", request.input());
    json.put("roleArn", request.roleArn());
    json.set("definition", definition);
    json.put("startDate", ApiJson.seconds(startDate));
    json.put("seq", seq);
    json.put("redriveCount", redriveCount);
    if (redriveDate != null) {
      json.put("redriveDate", ApiJson.seconds(redriveDate));
    }
    json.put("status", status().name());
    if (result != null) {
      json.set("output", result.output());
      json.put("error", result.error());
      json.put("cause", result.cause());
      json.put("stopDate", ApiJson.seconds(result.stopDate()));
    }
    json.putArray("history").addAll(history);
    return json;
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when a field is missing or wrong
   */
  static StoredExecution fromJson(JsonNode json) {
    ExecutionRequest request =
        new ExecutionRequest(
            json.path("stateMachineArn").textValue(),
            json.path("name").textValue(),
            json.path("input").deepCopy(),
            json.path("roleArn").textValue());
    Instant startDate = ApiJson.instant(json.path("startDate"));
    ExecutionStatus status = ExecutionStatus.valueOf(json.path("status").asText());
    ExecutionResult result =
        status == ExecutionStatus.RUNNING
            ? null
            : new ExecutionResult(
                status,
                status == ExecutionStatus.SUCCEEDED ? json.path("output").deepCopy() : null,
                json.path("error").textValue(),
                json.path("cause").textValue(),
                startDate,
                ApiJson.instant(json.path("stopDate")));
    List<ObjectNode> history = new ArrayList<>();
    json.path("history").forEach(event -> history.add((ObjectNode) event));
    JsonNode redriveDate = json.get("redriveDate");
    return new StoredExecution(
        request,
        json.path("definition").deepCopy(),
        startDate,
        json.path("seq").asLong(-1),
        json.path("redriveCount").asInt(),
        redriveDate == null ? null : ApiJson.instant(redriveDate),
        result,
        history);
  }
}
