package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The states that do no work of their own: Pass, Choice, Wait, Succeed and Fail. */
final class FlowStates {
  private final Sleeper sleeper;
  private final Clock clock;

  FlowStates(Sleeper sleeper, Clock clock) {
    this.sleeper = sleeper;
    this.clock = clock;
  }

  Step run(State state, JsonNode raw, JsonNode context) throws InterruptedException {
    Io io = state.header().io();
    String next = state.header().transition().next();
    if (state instanceof FailState fail) {
      throw failure(fail, raw, context);
    }
    JsonNode effective = io.inputPath().apply(raw, context);
    if (state instanceof PassState pass) {
      JsonNode result = pass.result() != null ? pass.result() : io.parametersOf(effective, context);
      return new Step(io.output(raw, result, context), next);
    }
    JsonNode output = io.outputPath().apply(effective, context);
    if (state instanceof ChoiceState choice) {
      return new Step(output, choose(choice, effective, context));
    }
    if (state instanceof WaitState wait) {
      Duration duration = duration(wait, effective, context);
      if (!duration.isNegative() && !duration.isZero()) {
        sleeper.sleep(duration);
      }
    }
    return new Step(output, next);
  }

  private static String choose(ChoiceState choice, JsonNode input, JsonNode context) {
    for (ChoiceState.Branch branch : choice.choices()) {
      if (branch.rule().test(input, context)) {
        return branch.next();
      }
    }
    if (choice.defaultNext() == null) {
      throw new StatesError(
          StatesError.NO_CHOICE_MATCHED,
          "No Choice rule matched and there is no Default in state '" + choice.name() + "'");
    }
    return choice.defaultNext();
  }

  private Duration duration(WaitState wait, JsonNode input, JsonNode context) {
    if (wait.seconds() != null) {
      return Duration.ofSeconds(wait.seconds());
    }
    Instant until = wait.timestamp();
    if (wait.secondsPath() != null) {
      JsonNode seconds = wait.secondsPath().read(input, context);
      if (!seconds.canConvertToExactIntegral() || seconds.asLong() < 0) {
        throw StatesError.runtime(
            "SecondsPath '"
                + wait.secondsPath()
                + "' must give a non-negative integer: "
                + seconds);
      }
      return Duration.ofSeconds(seconds.asLong());
    }
    if (wait.timestampPath() != null) {
      JsonNode value = wait.timestampPath().read(input, context);
      until =
          Timestamps.parse(value)
              .orElseThrow(
                  () ->
                      StatesError.runtime(
                          "TimestampPath '"
                              + wait.timestampPath()
                              + "' must give a timestamp: "
                              + value));
    }
    return Duration.between(clock.instant(), until);
  }

  private static StatesError failure(FailState fail, JsonNode input, JsonNode context) {
    String error = fail.error() != null ? fail.error() : text(fail.errorPath(), input, context);
    String cause = fail.cause() != null ? fail.cause() : text(fail.causePath(), input, context);
    return error == null ? StatesError.unnamed(cause) : new StatesError(error, cause);
  }

  private static String text(Expression expression, JsonNode input, JsonNode context) {
    if (expression == null) {
      return null;
    }
    JsonNode value = expression.evaluate(input, context);
    if (!value.isTextual()) {
      throw StatesError.runtime("ErrorPath and CausePath must give a string, not " + value);
    }
    return value.textValue();
  }
}
