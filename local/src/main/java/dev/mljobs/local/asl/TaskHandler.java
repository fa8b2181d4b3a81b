package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Does the work of Task states. The interpreter does not resolve resource ARNs itself: whoever
 * builds it routes {@link TaskRequest#resource()} to Lambda, DynamoDB, Batch or a test double.
 *
 * <p>Each call is one attempt, made on a thread of its own. When the task times out, misses a
 * heartbeat or its execution is stopped, that thread is interrupted and {@link
 * TaskContext#isCancelled()} turns true; the result of a cancelled call is ignored.
 */
@FunctionalInterface
public interface TaskHandler {
  /**
   * Runs one attempt of a Task state.
   *
   * @param request the resource, the effective input (after InputPath and Parameters) and the
   *     state's definition
   * @param context heartbeats and cancellation
   * @return the task's result, which ResultSelector, ResultPath and OutputPath then process
   * @throws StatesError to fail the attempt with that error name and cause (Retry and Catch see
   *     them); any other exception fails it with the exception's class name as the error
   * @throws InterruptedException when interrupted because the task was cancelled
   */
  JsonNode execute(TaskRequest request, TaskContext context) throws InterruptedException;
}
