package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.local.asl.StatesError;
import dev.mljobs.local.asl.TaskContext;
import dev.mljobs.local.asl.TaskHandler;
import dev.mljobs.local.asl.TaskRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Task states of the test machines, chosen by the Lambda function name in the resource: {@code
 * double} doubles {@code n}, {@code fail} throws {@code Model.NotFound}, {@code block} waits until
 * {@link #release()} and notes when it is interrupted instead; any other echoes its input.
 */
final class TestTasks implements TaskHandler {
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
  private final List<JsonNode> inputs = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @Override
  public JsonNode execute(TaskRequest request, TaskContext context) throws InterruptedException {
    inputs.add(request.input());
    String function = request.resource().substring(request.resource().lastIndexOf(':') + 1);
    return switch (function) {
      case "double" ->
          JsonNodeFactory.instance.objectNode().put("n", request.input().path("n").asInt() * 2);
      case "fail" ->
          throw new StatesError(
              "Model.NotFound", "no model named " + request.input().path("model").asText());
      case "block" -> block(request);
      default -> request.input();
    };
  }

  private JsonNode block(TaskRequest request) throws InterruptedException {
    started.add(request.executionArn());
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new StatesError("Test.NeverReleased", "the test did not release the task");
      }
      return request.input();
    } catch (InterruptedException e) {
      interrupted.add(request.executionArn());
      throw e;
    }
  }

  /** Lets every blocked task, and every later one, return its input. */
  void release() {
    release.countDown();
  }

  boolean hasStarted(String executionArn) {
    return started.contains(executionArn);
  }

  boolean wasInterrupted(String executionArn) {
    return interrupted.contains(executionArn);
  }

  List<JsonNode> inputs() {
    return List.copyOf(inputs);
  }
}
