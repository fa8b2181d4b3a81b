package dev.mljobs.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for tests that run a definition written as a text block. */
final class Runs {
  private Runs() {}

  static JsonNode json(String text) {
    try {
      return Json.read(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in a test: " + text, e);
    }
  }

  /** Runs to the end with sleeps skipped. */
  static ExecutionResult run(String definition, String input, TaskHandler tasks)
      throws InterruptedException {
    try (AslInterpreter asl = AslInterpreter.builder(tasks).sleeper(duration -> {}).build()) {
      return asl.run(StateMachineDefinition.parse(definition), ExecutionRequest.of(json(input)));
    }
  }

  /** A sleeper that returns at once and remembers what it was asked to wait. */
  static final class RecordingSleeper implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
      sleeps.add(duration);
    }

    synchronized List<Duration> sleeps() {
      return List.copyOf(sleeps);
    }
  }

  /** A task handler that always fails with {@code error}. */
  static TaskHandler failing(String error) {
    return (request, context) -> {
      throw new StatesError(error, "attempt " + (request.retryCount() + 1));
    };
  }
}
