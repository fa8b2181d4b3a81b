package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Retry and Catch. On an error the retriers are scanned in order and the first that lists it
 * decides alone: retry after its delay if it has attempts left, else fall through to the catchers,
 * whose first match sends the Error Output to its Next. States.Runtime skips both.
 */
final class Recovery {
  /** One attempt of the state's work. */
  @FunctionalInterface
  interface Body {
    Step run(int retryCount) throws InterruptedException;
  }

  private final RunServices services;

  Recovery(RunServices services) {
    this.services = services;
  }

  Step run(ErrorHandling rules, JsonNode rawInput, Body body) throws InterruptedException {
    List<Retrier> retriers = rules.retriers();
    int[] retriesBy = new int[retriers.size()]; // each retrier counts on its own
    int retries = 0;
    while (true) {
      try {
        return body.run(retries);
      } catch (StatesError error) {
        if (error.isRuntime()) {
          throw error;
        }
        int i = firstMatch(retriers, error);
        if (i >= 0 && retriesBy[i] < retriers.get(i).maxAttempts()) {
          services.sleeper().sleep(retriers.get(i).delay(retriesBy[i]++, services.random()));
          retries++;
          continue;
        }
        Optional<Catcher> catcher =
            rules.catchers().stream().filter(c -> c.appliesTo(error)).findFirst();
        if (catcher.isEmpty()) {
          throw error;
        }
        JsonNode output = catcher.get().resultPath().apply(rawInput, errorOutput(error));
        return new Step(output, catcher.get().next());
      }
    }
  }

  private static int firstMatch(List<Retrier> retriers, StatesError error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (retriers.get(i).appliesTo(error)) {
        return i;
      }
    }
    return -1;
  }

  /** The Error Output a catcher passes on: {@code {"Error": ..., "Cause": ...}}. */
  static ObjectNode errorOutput(StatesError error) {
    ObjectNode output = Json.object();
    if (error.error() != null) {
      output.put("Error", error.error());
    }
    if (error.cause() != null) {
      output.put("Cause", error.cause());
    }
    return output;
  }
}
