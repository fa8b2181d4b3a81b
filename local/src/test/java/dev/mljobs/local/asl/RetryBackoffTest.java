package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry delays and Wait durations reach the sleeper exactly as ASL computes them. */
class RetryBackoffTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static String failingTask(String retrier) {
    return """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Retry": [%s], "End": true}}}
        """
        .formatted(retrier);
  }

  private static List<Duration> delaysOf(String definition, double random)
      throws InterruptedException {
    Runs.RecordingSleeper sleeper = new Runs.RecordingSleeper();
    try (AslInterpreter asl =
        AslInterpreter.builder(Runs.failing("Flaky"))
            .sleeper(sleeper)
            .random(() -> random)
            .build()) {
      ExecutionResult result =
          asl.run(StateMachineDefinition.parse(definition), ExecutionRequest.of(json("{}")));
      assertThat(result.error()).isEqualTo("Flaky");
    }
    return sleeper.sleeps();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  @Test
  void interval_grows_by_the_backoff_rate() throws Exception {
    String retrier =
        "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3, \"MaxAttempts\": 3}";

    assertThat(delaysOf(failingTask(retrier), 0.5))
        .containsExactly(seconds(2), seconds(6), seconds(18));
  }

  @Test
  void defaults_are_one_second_doubling_three_times() throws Exception {
    assertThat(delaysOf(failingTask("{\"ErrorEquals\": [\"States.ALL\"]}"), 0.5))
        .containsExactly(seconds(1), seconds(2), seconds(4));
  }

  @Test
  void max_delay_caps_every_pause() throws Exception {
    String retrier =
        "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3,"
            + " \"MaxAttempts\": 4, \"MaxDelaySeconds\": 5}";

    assertThat(delaysOf(failingTask(retrier), 0.5))
        .containsExactly(seconds(2), seconds(5), seconds(5), seconds(5));
  }

  @Test
  void full_jitter_draws_below_the_computed_delay() throws Exception {
    String retrier =
        "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 2, \"BackoffRate\": 3,"
            + " \"MaxAttempts\": 3, \"JitterStrategy\": \"FULL\"}";

    assertThat(delaysOf(failingTask(retrier), 0.25))
        .containsExactly(seconds(0.5), seconds(1.5), seconds(4.5));
  }

  @Test
  void fractional_backoff_rate_is_honoured() throws Exception {
    String retrier =
        "{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 1, \"BackoffRate\": 1.5, \"MaxAttempts\": 3}";

    assertThat(delaysOf(failingTask(retrier), 0.5))
        .containsExactly(seconds(1), seconds(1.5), seconds(2.25));
  }

  @Test
  void retry_count_is_in_the_context_object() throws Exception {
    String definition =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"try.$": "$$.State.RetryCount"},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "End": true}}}
        """;
    ScriptedTasks tasks =
        new ScriptedTasks(
            json(
                "{\"T\": [{\"error\": \"E\", \"cause\": \"c\"}, {\"error\": \"E\", \"cause\": \"c\"},"
                    + " {\"return\": \"done\"}]}"));

    ExecutionResult result = Runs.run(definition, "{}", tasks);

    assertThat(result.output().asText()).isEqualTo("done");
    assertThat(tasks.inputsOf("T"))
        .containsExactly(json("{\"try\":0}"), json("{\"try\":1}"), json("{\"try\":2}"));
  }

  @Test
  void wait_states_sleep_for_seconds_paths_and_until_timestamps() throws Exception {
    String definition =
        """
        {"StartAt": "Fixed", "States": {
          "Fixed": {"Type": "Wait", "Seconds": 10, "Next": "FromPath"},
          "FromPath": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "Until"},
          "Until": {"Type": "Wait", "Timestamp": "2030-01-01T00:01:00Z", "Next": "UntilPath"},
          "UntilPath": {"Type": "Wait", "TimestampPath": "$.when", "Next": "Past"},
          "Past": {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "End": true}}}
        """;
    Runs.RecordingSleeper sleeper = new Runs.RecordingSleeper();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (AslInterpreter asl =
        AslInterpreter.builder(Runs.failing("unused")).sleeper(sleeper).clock(clock).build()) {
      ExecutionResult result =
          asl.run(
              StateMachineDefinition.parse(definition),
              ExecutionRequest.of(json("{\"delay\": 3, \"when\": \"2030-01-01T01:00:00+01:00\"}")));

      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    // 01:00+01:00 is midnight UTC: no wait at all, like the timestamp in the past.
    assertThat(sleeper.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(60));
  }
}
