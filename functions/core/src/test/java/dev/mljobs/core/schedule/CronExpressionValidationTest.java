package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cron(0 10 * * ? *)",
        "cron(15 12 * * ? *)",
        "cron(0 18 ? * MON-FRI *)",
        "cron(0 8 1 * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(0/5 8-17 ? * MON-FRI *)",
        "cron(1/10 * * * ? *)",
        "cron(0 9 ? JAN,JUL 2,4,6 *)",
        "cron(0 12 L * ? *)",
        "cron(0 12 LW * ? *)",
        "cron(0 12 15W * ? *)",
        "cron(0 12 ? * L *)",
        "cron(0 12 ? * 6L *)",
        "cron(0 12 ? * 6#3 *)",
        "cron(0 12 ? * FRI#3 *)",
        "cron(0 12 1 1 ? 1970-2199)",
        "cron(0 12 1 1 ? 2030/5)",
        "cron(59 23 31 DEC ? 2199)",
        "cron(0 12 ? * FRI-MON *)"
      })
  void accepts_the_forms_aws_documents(String expression) {
    // when
    ScheduleExpression parsed = ScheduleExpression.parse(expression);

    // then
    assertThat(parsed).isInstanceOf(CronExpression.class);
    assertThat(parsed.expression()).isEqualTo(expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 10 * * * *)       | exactly one of day-of-month and day-of-week must be '?'",
        "cron(0 10 ? * ? *)       | exactly one of day-of-month and day-of-week must be '?'",
        "cron(0 10 1 * MON *)     | exactly one of day-of-month and day-of-week must be '?'",
        "cron(0 10 * * ?)         | expected 6 fields (minutes hours day-of-month month day-of-week year), found 5",
        "cron(0 0 10 * * ? *)     | expected 6 fields (minutes hours day-of-month month day-of-week year), found 7",
        "cron()                   | expected 6 fields (minutes hours day-of-month month day-of-week year), found 0",
        "cron(60 10 * * ? *)      | minutes value '60' must be 0-59",
        "cron(0 24 * * ? *)       | hours value '24' must be 0-23",
        "cron(0 L * * ? *)        | hours value 'L' must be 0-23",
        "cron(0 10 0 * ? *)       | day-of-month value '0' must be 1-31",
        "cron(0 10 32 * ? *)      | day-of-month value '32' must be 1-31",
        "cron(0 10 1 13 ? *)      | month value '13' must be 1-12 or JAN-DEC",
        "cron(0 10 1 FOO ? *)     | month value 'FOO' must be 1-12 or JAN-DEC",
        "cron(0 10 ? * 0 *)       | day-of-week value '0' must be 1-7 or SUN-SAT",
        "cron(0 10 ? * 8 *)       | day-of-week value '8' must be 1-7 or SUN-SAT",
        "cron(0 10 * * ? 1969)    | year value '1969' must be 1970-2199",
        "cron(0 10 * * ? 2200)    | year value '2200' must be 1970-2199",
        "cron(0 10 * * ? 2030-2028) | year range 2030-2028 must not run backwards",
        "cron(0 ? * * ? *)        | hours does not support '?'",
        "cron(0 10 ? * MON/2 *)   | day-of-week does not support '/'",
        "cron(0/60 * * * ? *)     | minutes increment /60 must be 1-59",
        "cron(0 0/24 * * ? *)     | hours increment /24 must be 1-23",
        "cron(0 10 ? * 6#3,2#1 *) | day-of-week '6#3,2#1': L and # must stand alone, as L, a day followed by L, or day#n (only one #)",
        "cron(0 10 ? * 6#6 *)     | day-of-week '6#6': the number after # must be 1-5",
        "cron(0 10 ? * 9L *)      | day-of-week value '9' must be 1-7 or SUN-SAT",
        "cron(0 10 L-3 * ? *)     | day-of-month 'L-3': L and W must stand alone, as L, LW or a day followed by W",
        "cron(0 10 L,15 * ? *)    | day-of-month 'L,15': L and W must stand alone, as L, LW or a day followed by W",
        "cron(0 10 1W-5 * ? *)    | day-of-month '1W-5': L and W must stand alone, as L, LW or a day followed by W",
        "cron(0 10 32W * ? *)     | day-of-month value '32' must be 1-31",
        "cron(0 10 1-* * ? *)     | invalid day-of-month value '1-*'",
        "cron(0 10 * * ? *        | expected cron(fields)"
      })
  void rejects_what_aws_rejects_naming_the_fault(String expression, String reason) {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage("Invalid Schedule Expression " + expression + ": " + reason);
  }

  @Test
  void the_exception_names_the_request_field_and_keeps_the_expression_as_written() {
    // given
    String expression = "cron(0 10 * * * *)";

    // when
    InvalidScheduleExpressionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(expression));

    // then
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.field()).isEqualTo("scheduleExpression");
    assertThat(e.expression()).isEqualTo(expression);
    assertThat(e.reason()).isEqualTo("exactly one of day-of-month and day-of-week must be '?'");
  }

  @Test
  void names_are_read_in_any_case_and_written_in_upper_case() {
    // when
    ScheduleExpression parsed = ScheduleExpression.parse("cron(0 9 ? jan mon-fri *)");

    // then
    assertThat(parsed).isEqualTo(ScheduleExpression.parse("cron(0 9 ? JAN MON-FRI *)"));
    assertThat(parsed.expression()).isEqualTo("cron(0 9 ? JAN MON-FRI *)");
  }

  @Test
  void fields_are_exposed_by_name() {
    // when
    CronExpression cron = (CronExpression) ScheduleExpression.parse("cron(5 4 ? 3 2#1 2030)");

    // then
    assertThat(cron.minutes()).isEqualTo("5");
    assertThat(cron.hours()).isEqualTo("4");
    assertThat(cron.dayOfMonth()).isEqualTo("?");
    assertThat(cron.month()).isEqualTo("3");
    assertThat(cron.dayOfWeek()).isEqualTo("2#1");
    assertThat(cron.year()).isEqualTo("2030");
  }

  @Test
  void building_from_fields_validates_like_parsing() {
    // when / then
    assertThatThrownBy(() -> new CronExpression("0", "10", "*", "*", "*", "*"))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage(
            "Invalid Schedule Expression cron(0 10 * * * *): "
                + "exactly one of day-of-month and day-of-week must be '?'");
  }
}
