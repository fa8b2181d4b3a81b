package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import java.util.Optional;

/** An execution as DescribeExecution and ListExecutions show it. */
final class ExecutionViews {
  private ExecutionViews() {}

  /** A ListExecutions item. */
  static ObjectNode summary(TrackedExecution execution) {
    return summary(execution.stored(), execution.result());
  }

  /** A DescribeExecution response: the summary with input, output, error and cause. */
  static ObjectNode describe(TrackedExecution execution) {
    StoredExecution stored = execution.stored();
    Optional<ExecutionResult> result = execution.result(); // read once: one consistent view
    ObjectNode json = summary(stored, result);
    json.put("input", ApiJson.write(stored.request().input()));
    json.putObject("inputDetails").put("included", true);
    result.ifPresent(
        end -> {
          if (end.output() != null) {
            json.put("output", ApiJson.write(end.output()));
            json.putObject("outputDetails").put("included", true);
          }
          putIfPresent(json, "error", end.error());
          putIfPresent(json, "cause", end.cause());
        });
    return json;
  }

  private static ObjectNode summary(StoredExecution stored, Optional<ExecutionResult> result) {
    ObjectNode json = ApiJson.object();
    json.put("executionArn", stored.executionArn());
    json.put("stateMachineArn", stored.request().stateMachineArn());
    json.put("name", stored.request().name());
    json.put("status", result.map(ExecutionResult::status).orElse(ExecutionStatus.RUNNING).name());
    json.put("startDate", ApiJson.seconds(stored.startDate()));
    result.ifPresent(end -> json.put("stopDate", ApiJson.seconds(end.stopDate())));
    json.put("redriveCount", stored.redriveCount());
    if (stored.redriveDate() != null) {
      json.put("redriveDate", ApiJson.seconds(stored.redriveDate()));
    }
    return json;
  }

  private static void putIfPresent(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
