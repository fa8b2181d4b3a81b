package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

  @Test
  void recognises_each_kind_by_its_prefix() {
    // when / then
    assertThat(ScheduleExpression.parse("cron(0 10 * * ? *)")).isInstanceOf(CronExpression.class);
    assertThat(ScheduleExpression.parse("rate(5 minutes)")).isInstanceOf(RateExpression.class);
    assertThat(ScheduleExpression.parse("at(2028-06-01T09:00:00)"))
        .isInstanceOf(AtExpression.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0 10 * * ? *", "every 5 minutes", "CRON(0 10 * * ? *)", " rate(5 minutes)"})
  void rejects_anything_that_is_not_at_rate_or_cron(String expression) {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage(
            "Invalid Schedule Expression "
                + expression
                + ": expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejects_a_blank_expression(String expression) {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessageEndingWith(": scheduleExpression must not be blank");
  }

  @Test
  void rejects_a_missing_expression() {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(null))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage("Invalid Schedule Expression null: scheduleExpression must not be blank");
  }

  @Test
  void listing_zero_fires_gives_none_and_a_negative_count_is_refused() {
    // given
    ScheduleExpression daily = ScheduleExpression.parse("cron(0 10 * * ? *)");
    Instant after = Instant.parse("2028-01-01T00:00:00Z");

    // when / then
    assertThat(daily.nextFires(after, ZoneOffset.UTC, ScheduleWindow.unbounded(), 0)).isEmpty();
    assertThatThrownBy(() -> daily.nextFires(after, ZoneOffset.UTC, ScheduleWindow.unbounded(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must not be negative: -1");
  }
}
