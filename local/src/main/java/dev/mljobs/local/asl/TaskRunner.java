package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Task states: prepares the request, has {@link TaskInvoker} run it, processes the result. */
final class TaskRunner {
  private final TaskInvoker invoker;
  private final ExecutionRequest execution;

  TaskRunner(RunServices services, ExecutionRequest execution) {
    this.invoker = new TaskInvoker(services);
    this.execution = execution;
  }

  Step run(TaskState task, JsonNode raw, Attempt attempt) throws InterruptedException {
    Io io = task.header().io();
    ObjectNode context = attempt.context();
    JsonNode effective = io.inputPath().apply(raw, context);
    String token = null;
    if (task.waitsForTaskToken()) {
      token = UUID.randomUUID().toString();
      context = ContextObject.withTaskToken(context, token);
    }
    JsonNode parameters = io.parametersOf(effective, context);
    int timeout = seconds(task.timeoutSeconds(), task.timeoutPath(), effective, context);
    int heartbeat = seconds(task.heartbeatSeconds(), task.heartbeatPath(), effective, context);
    attempt
        .lane()
        .record(
            HistoryEventType.TASK_SCHEDULED,
            EventDetails.taskScheduled(
                task.resource(), execution.region(), parameters, timeout, heartbeat));
    TaskRequest request =
        new TaskRequest(
            task.resource(),
            parameters.deepCopy(),
            task.name(),
            task.header().json(),
            execution.executionArn(),
            attempt.retryCount(),
            token);
    JsonNode result = invoker.invoke(request, timeout, heartbeat, attempt.lane());
    return new Step(io.output(raw, result, context), task.header().transition().next());
  }

  /** A fixed number of seconds, or one read through a ...SecondsPath; 0 means no limit. */
  private static int seconds(int fixed, AslPath path, JsonNode input, JsonNode context) {
    if (path == null) {
      return fixed;
    }
    JsonNode value = path.read(input, context);
    if (!value.canConvertToExactIntegral() || value.asLong() < 1 || !value.canConvertToInt()) {
      throw StatesError.runtime("'" + path + "' must give a positive integer, not " + value);
    }
    return value.asInt();
  }
}
