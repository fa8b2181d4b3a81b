package dev.mljobs.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A definition that cannot run is refused on load, naming the state and field to fix. */
class InvalidDefinitionTest {
  private static final String PASS_END = "{\"Type\": \"Pass\", \"End\": true}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          not JSON                | {"StartAt": | | | not JSON
          missing StartAt         | {"States": {"A": PASS}} | | StartAt | is required
          StartAt names nothing   | {"StartAt": "B", "States": {"A": PASS}} | | StartAt | names no state
          no States               | {"StartAt": "A", "States": {}} | | States | at least one state
          unknown Next            | {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}} | A | Next | names no state here: 'Nowhere'
          Next and End            | {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A", "End": true}}} | A | Next | cannot be used
          neither Next nor End    | {"StartAt": "A", "States": {"A": {"Type": "Pass"}}} | A | Next | is required
          no terminal state       | {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}} | | States | no state ends the machine
          unreachable state       | {"StartAt": "A", "States": {"A": PASS, "B": PASS}} | B | | no other state leads to it
          unknown type            | {"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}} | A | Type | unknown state type
          task without resource   | {"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}} | A | Resource | is required
          misspelt field          | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Reslt": 1}}} | A | Reslt | not a field of a Pass state
          choice with End         | {"StartAt": "A", "States": {"A": {"Type": "Choice", "End": true, "Choices": []}}} | A | End | not a field of a Choice state
          ResultPath not simple   | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "ResultPath": "$.a[*]"}}} | A | ResultPath | not a reference path
          InputPath not a path    | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "InputPath": "a.b"}}} | A | InputPath | starts with '$'
          unknown intrinsic       | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x.$": "States.Nope(1)"}}}} | A | Parameters | unknown function States.Nope
          intrinsic arity         | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x.$": "States.ArrayLength(1, 2)"}}}} | A | Parameters | takes 1 arguments, not 2
          intrinsic syntax        | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x.$": "States.Format('a', $.b"}}}} | A | Parameters | expected ')'
          dynamic value not text  | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x.$": 1}}}} | A | Parameters | 'x.$' must be a string
          States.ALL not last     | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}]}}} | A | Retry | States.ALL must appear alone
          negative MaxAttempts    | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}]}}} | A | MaxAttempts | at least 0
          bad jitter              | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "SOME"}]}}} | A | JitterStrategy | FULL or NONE
          catch to nowhere        | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["X"], "Next": "Z"}]}}} | A | Catch[0].Next | names no state here
          timeout and its path    | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t"}}} | A | TimeoutSecondsPath | cannot be used together
          heartbeat too long      | {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": 5, "HeartbeatSeconds": 5}}} | A | HeartbeatSeconds | smaller than TimeoutSeconds
          wait twice              | {"StartAt": "A", "States": {"A": {"Type": "Wait", "End": true, "Seconds": 1, "SecondsPath": "$.s"}}} | A | Seconds | exactly one
          wait bad timestamp      | {"StartAt": "A", "States": {"A": {"Type": "Wait", "End": true, "Timestamp": "tomorrow"}}} | A | Timestamp | RFC 3339
          choice operator typo    | {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "StringEqual": "a", "Next": "B"}]}, "B": PASS}} | A | Choices[0].StringEqual | not a Choice operator
          choice operand type     | {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "B"}]}, "B": PASS}} | A | Choices[0].NumericEquals | must be a numeric
          nested Next             | {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "Next": "B"}, "Next": "B"}]}, "B": PASS}} | A | Choices[0].Not.Next | only allowed in a top-level
          choice without Next     | {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true}], "Default": "B"}, "B": PASS}} | A | Choices[0].Next | is required
          JSONata                 | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "QueryLanguage": "JSONata"}}} | A | QueryLanguage | only JSONPath
          Assign                  | {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Assign": {"x": 1}}}} | A | Assign | not supported here
          distributed map         | {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": PASS}}}}} | M | ItemProcessor.ProcessorConfig.Mode | only INLINE
          map without processor   | {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true}}} | M | ItemProcessor | is required
          branch StartAt          | {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "X", "States": {"I": PASS}}]}}} | P | Branches[0].StartAt | names no state
          name used twice         | {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "P", "States": {"P": PASS}}]}}} | P | | used by another state
          fail with both errors   | {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}}} | F | ErrorPath | cannot be used together
          machine timeout         | {"StartAt": "A", "TimeoutSeconds": 0, "States": {"A": PASS}} | | TimeoutSeconds | at least 1
          """)
  void is_refused_with_state_and_field(
      String why, String definition, String state, String field, String message) {
    String json = definition.replace("PASS", PASS_END);

    assertThatThrownBy(() -> StateMachineDefinition.parse(json))
        .as(why)
        .isInstanceOfSatisfying(
            InvalidDefinitionException.class,
            e -> {
              assertThat(e.state()).isEqualTo(state);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(message);
            });
  }
}
