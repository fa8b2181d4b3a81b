package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intrinsic functions and their parser, beyond what the conformance corpus covers. */
class IntrinsicFunctionsTest {
  private static final JsonNode INPUT =
      json(
          """
          {"text": "input data", "list": [3, 1, 3, {"a": 1}], "n": 7, "obj": {"k": "v"},
           "jar": [{"a": 1, "b": "x"}, {"a": 5, "b": "y"}], "json": "{\\"z\\": [1]}"}
          """);

  private static JsonNode evaluate(String call) {
    return IntrinsicParser.parse(call).evaluate(INPUT, Json.object());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          States.Hash($.text, 'MD5')                      | "812f45842bc6d66ee14572ce20db8e86"
          States.Hash($.text, 'SHA-1')                    | "aaff4a450a104cd177d28d18d74485e8cae074b7"
          States.Hash($.text, 'SHA-256')                  | "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"
          States.JsonToString($.obj)                      | "{\\"k\\":\\"v\\"}"
          States.StringToJson($.json)                     | {"z": [1]}
          States.StringToJson(States.JsonToString($.list)) | [3, 1, 3, {"a": 1}]
          States.ArrayRange(5, 1, -2)                     | [5, 3, 1]
          States.ArrayUnique($.list)                      | [3, 1, {"a": 1}]
          States.ArrayContains($.list, States.StringToJson('{"a":1}')) | true
          States.Array()                                  | []
          States.Array('a', 1, true, null, $.n)           | ["a", 1, true, null, 7]
          States.ArrayLength($.jar[?(@.a > 2)])           | 1
          States.ArrayGetItem($.jar[?(@.b in ['y', 'q'])], 0) | {"a": 5, "b": "y"}
          States.Format('{} and \\'{}\\'', $.n, 'it, (really)') | "7 and 'it, (really)'"
          States.Format('x')                              | "x"
          States.MathAdd(-3, $.n)                         | 4
          States.MathRandom(1, 1000, 42)                  | ` States.MathRandom(1, 1000, 42) `
          States.StringSplit('a,,b', ',')                 | ["a", "b"]
          States.JsonMerge($.obj, States.StringToJson('{"k": 2, "m": 3}'), false) | {"k": 2, "m": 3}
          """)
  void evaluates(String call, String expected) {
    JsonNode want =
        expected.strip().startsWith("States.") ? evaluate(expected.strip()) : json(expected);

    assertThat(Json.sameValue(evaluate(call), want)).as(call + " = " + evaluate(call)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          States.ArrayGetItem($.list, 9)      | index 9 is outside
          States.Hash($.text, 'SHA-3')        | the algorithm must be one of
          States.Format('{} {}', 1)           | more placeholders
          States.Format('{}', $.obj)          | only strings, numbers
          States.ArrayPartition($.list, 0)    | must be positive
          States.StringToJson('{nope')        | not JSON
          States.JsonMerge($.obj, $.obj, true) | deep merging is not supported
          States.ArrayRange(1, 5000, 1)       | more than 1000 items
          States.ArrayLength($.text)          | argument 1 must be an array
          States.Base64Decode('***')          | not Base64
          """)
  void fails_with_States_IntrinsicFailure(String call, String cause) {
    StatesError error = catchThrowableOfType(StatesError.class, () -> evaluate(call));

    assertThat(error.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
    assertThat(error.cause()).contains(cause);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          States.Format('a'                 | expected ')'
          States.Format('a) extra           | unterminated string
          States.ArrayLength($.list) tail   | unexpected text after the call
          States.ArrayLength(list)          | expected a string, number
          states.ArrayLength($.list)        | expected a function name
          States.UUID(1)                    | takes 0 arguments, not 1
          """)
  void refuses_bad_syntax(String call, String problem) {
    IllegalArgumentException error =
        catchThrowableOfType(IllegalArgumentException.class, () -> IntrinsicParser.parse(call));

    assertThat(error).hasMessageContaining(problem);
  }
}
