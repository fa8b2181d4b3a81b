package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ASL rules the conformance corpus leaves out. */
class SemanticsTest {
  private static final TaskHandler ECHO = (request, context) -> request.input();

  private static String choice(String rule) {
    return """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
          "Yes": {"Type": "Pass", "Result": "yes", "End": true},
          "No": {"Type": "Pass", "Result": "no", "End": true}}}
        """
        .formatted(rule.replace("}", ", \"Next\": \"Yes\"}"));
  }

  private static ExecutionResult run(String definition, String input) throws InterruptedException {
    return Runs.run(definition, input, ECHO);
  }

  @Test
  void string_matches_escapes_a_star_and_a_backslash() throws Exception {
    String literalStar = choice("{\"Variable\": \"$.s\", \"StringMatches\": \"a\\\\*b*\"}");
    String backslash = choice("{\"Variable\": \"$.s\", \"StringMatches\": \"x\\\\\\\\*\"}");

    assertThat(run(literalStar, "{\"s\": \"a*bcd\"}").output().asText()).isEqualTo("yes");
    assertThat(run(literalStar, "{\"s\": \"aXbcd\"}").output().asText()).isEqualTo("no");
    assertThat(run(backslash, "{\"s\": \"x\\\\yz\"}").output().asText()).isEqualTo("yes");
  }

  @Test
  void type_tests_other_than_is_present_need_the_variable() throws Exception {
    ExecutionResult result = run(choice("{\"Variable\": \"$.gone\", \"IsNull\": false}"), "{}");

    assertThat(result.error()).isEqualTo(StatesError.RUNTIME);
  }

  @Test
  void no_matching_rule_without_default_is_States_NoChoiceMatched() throws Exception {
    String definition =
        """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "D"}]},
          "D": {"Type": "Succeed"}}}
        """;

    assertThat(run(definition, "{\"n\": 2}").error()).isEqualTo(StatesError.NO_CHOICE_MATCHED);
  }

  @Test
  void an_index_past_the_end_of_an_array_does_not_match() throws Exception {
    String definition =
        """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "$.a[5]"}, "End": true}}}
        """;

    assertThat(run(definition, "{\"a\": [1]}").error()).isEqualTo(StatesError.RUNTIME);
  }

  @Test
  void result_path_can_replace_an_array_item_and_fails_past_its_end() throws Exception {
    String definition =
        """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 9, "ResultPath": "$.a[1]", "End": true}}}
        """;

    assertThat(run(definition, "{\"a\": [1, 2]}").output()).isEqualTo(json("{\"a\": [1, 9]}"));
    assertThat(run(definition, "{\"a\": [1]}").error())
        .isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
  }

  @Test
  void intrinsic_failures_are_caught_by_States_ALL_but_runtime_errors_are_not() throws Exception {
    String definition =
        """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"x.$": "States.ArrayGetItem($.a, 5)"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """;

    ExecutionResult caught = run(definition, "{\"a\": []}");
    ExecutionResult notCaught = run(definition, "{}");

    assertThat(caught.output().get("Error").asText()).isEqualTo(StatesError.INTRINSIC_FAILURE);
    assertThat(notCaught.error()).isEqualTo(StatesError.RUNTIME);
  }

  @Test
  void a_fail_state_without_error_fails_without_a_name() throws Exception {
    ExecutionResult result =
        run(
            "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Cause\": \"why\"}}}",
            "{}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isNull();
    assertThat(result.cause()).isEqualTo("why");
  }

  @Test
  void a_handler_exception_fails_the_task_with_its_class_name() throws Exception {
    String definition =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Retry": [{"ErrorEquals": ["java.lang.IllegalStateException"], "MaxAttempts": 1}], "End": true}}}
        """;
    TaskHandler crashing =
        (request, context) -> {
          throw new IllegalStateException("broken " + request.retryCount());
        };

    ExecutionResult result = Runs.run(definition, "{}", crashing);

    assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
    assertThat(result.cause()).isEqualTo("broken 1");
  }

  @Test
  void an_endless_loop_fails_when_the_history_is_full() throws Exception {
    String definition =
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Next": "B"},
          "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "C"}],
                "Default": "A"},
          "C": {"Type": "Succeed"}}}
        """;

    ExecutionResult result = run(definition, "{}");

    assertThat(result.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(result.cause()).contains("history");
  }
}
