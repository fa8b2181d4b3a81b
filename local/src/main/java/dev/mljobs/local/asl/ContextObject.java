package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The Context Object that {@code $$} paths read: the execution and machine (the same for the whole
 * run), plus the current state, and the task token or Map item where they apply.
 */
final class ContextObject {
  private final ObjectNode execution;
  private final ObjectNode stateMachine;

  ContextObject(ExecutionRequest request, Instant startTime) {
    this.execution =
        Json.object()
            .put("Id", request.executionArn())
            .put("Name", request.name())
            .put("RoleArn", request.roleArn())
            .put("StartTime", Timestamps.format(startTime))
            .put("RedriveCount", 0);
    this.execution.set("Input", request.input());
    this.stateMachine =
        Json.object().put("Id", request.stateMachineArn()).put("Name", request.stateMachineName());
  }

  /** The Context Object while {@code stateName} runs its attempt after {@code retryCount}. */
  ObjectNode forState(String stateName, Instant enteredTime, int retryCount) {
    ObjectNode context = Json.object();
    context.set("Execution", execution);
    context.set("StateMachine", stateMachine);
    context
        .putObject("State")
        .put("Name", stateName)
        .put("EnteredTime", Timestamps.format(enteredTime))
        .put("RetryCount", retryCount);
    return context;
  }

  static ObjectNode withTaskToken(ObjectNode context, String token) {
    ObjectNode copy = shallowCopy(context);
    copy.putObject("Task").put("Token", token);
    return copy;
  }

  /** The context for ItemSelector: {@code $$.Map.Item.Index} and {@code .Value}. */
  static ObjectNode withMapItem(ObjectNode context, int index, JsonNode value) {
    ObjectNode copy = shallowCopy(context);
    ObjectNode item = copy.putObject("Map").putObject("Item");
    item.put("Index", index);
    item.set("Value", value);
    return copy;
  }

  /** Shares the (never modified) children, so that large execution inputs are not copied. */
  private static ObjectNode shallowCopy(ObjectNode context) {
    ObjectNode copy = Json.object();
    copy.setAll(context);
    return copy;
  }
}
