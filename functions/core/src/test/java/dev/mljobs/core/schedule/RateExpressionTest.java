package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateExpressionTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant START = Instant.parse("2028-01-01T00:00:00Z");

  private static List<Instant> instants(String... isoInstants) {
    return Arrays.stream(isoInstants).map(Instant::parse).toList();
  }

  @ParameterizedTest
  @CsvSource({
    "rate(1 minute),   PT1M",
    "rate(5 minutes),  PT5M",
    "rate(1 hour),     PT1H",
    "rate(2 hours),    PT2H",
    "rate(1 day),      PT24H",
    "rate(7 days),     PT168H"
  })
  void parses_value_and_unit_into_a_fixed_interval(String expression, Duration interval) {
    // when
    ScheduleExpression parsed = ScheduleExpression.parse(expression);

    // then
    assertThat(parsed).isInstanceOf(RateExpression.class);
    assertThat(((RateExpression) parsed).interval()).isEqualTo(interval);
    assertThat(parsed.expression()).isEqualTo(expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(1 minutes)          | unit must be singular when value is 1: use 'minute'",
        "rate(1 days)             | unit must be singular when value is 1: use 'day'",
        "rate(5 minute)           | unit must be plural when value is not 1: use 'minutes'",
        "rate(2 hour)             | unit must be plural when value is not 1: use 'hours'",
        "rate(0 minutes)          | value '0' must be a positive integer of at most 9 digits",
        "rate(-5 minutes)         | value '-5' must be a positive integer of at most 9 digits",
        "rate(1.5 hours)          | value '1.5' must be a positive integer of at most 9 digits",
        "rate(05 minutes)         | value '05' must be a positive integer of at most 9 digits",
        "rate(1000000000 minutes) | value '1000000000' must be a positive integer of at most 9 digits",
        "rate(5 weeks)            | unit 'weeks' must be one of minute, minutes, hour, hours, day, days",
        "rate(30 seconds)         | unit 'seconds' must be one of minute, minutes, hour, hours, day, days",
        "rate(5 Minutes)          | unit 'Minutes' must be one of minute, minutes, hour, hours, day, days",
        "rate(5)                  | expected rate(value unit), e.g. rate(5 minutes)",
        "rate(5  minutes)         | expected rate(value unit), e.g. rate(5 minutes)",
        "rate(5 minutes           | expected rate(value unit), e.g. rate(5 minutes)"
      })
  void rejects_what_aws_rejects_naming_the_fault(String expression, String reason) {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage("Invalid Schedule Expression " + expression + ": " + reason);
  }

  @Test
  void first_fire_is_the_start_date_then_one_every_interval() {
    // given
    ScheduleExpression everyFiveMinutes = ScheduleExpression.parse("rate(5 minutes)");

    // when
    var fires =
        everyFiveMinutes.nextFires(
            START.minusSeconds(3600), ZoneOffset.UTC, ScheduleWindow.startingAt(START), 3);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-01-01T00:00:00Z", "2028-01-01T00:05:00Z", "2028-01-01T00:10:00Z"));
  }

  @Test
  void fires_stay_on_the_grid_from_the_start_date_whatever_instant_is_asked_about() {
    // given
    ScheduleExpression everyFiveMinutes = ScheduleExpression.parse("rate(5 minutes)");
    ScheduleWindow window = ScheduleWindow.startingAt(START);

    // when
    var fromStart = everyFiveMinutes.nextFireAfter(START, ZoneOffset.UTC, window);
    var fromBetween =
        everyFiveMinutes.nextFireAfter(
            Instant.parse("2028-01-01T00:07:30Z"), ZoneOffset.UTC, window);
    var fromOnGrid =
        everyFiveMinutes.nextFireAfter(
            Instant.parse("2028-01-01T00:10:00Z"), ZoneOffset.UTC, window);

    // then
    assertThat(fromStart).contains(Instant.parse("2028-01-01T00:05:00Z"));
    assertThat(fromBetween).contains(Instant.parse("2028-01-01T00:10:00Z"));
    assertThat(fromOnGrid).contains(Instant.parse("2028-01-01T00:15:00Z"));
  }

  @Test
  void a_daily_rate_is_24_hours_so_its_local_time_moves_when_the_clocks_change() {
    // given: 11:00 CET on the day before Paris springs forward
    ScheduleWindow window = ScheduleWindow.startingAt(Instant.parse("2028-03-25T10:00:00Z"));

    // when
    var fires =
        ScheduleExpression.parse("rate(1 day)")
            .nextFires(Instant.parse("2028-03-25T00:00:00Z"), PARIS, window, 3);

    // then: always 10:00 UTC, i.e. 11:00 CET then 12:00 CEST
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-03-25T10:00:00Z", "2028-03-26T10:00:00Z", "2028-03-27T10:00:00Z"));
  }

  @Test
  void the_zone_makes_no_difference_to_a_rate() {
    // given
    ScheduleExpression hourly = ScheduleExpression.parse("rate(1 hour)");
    ScheduleWindow window = ScheduleWindow.startingAt(START);
    Instant after = Instant.parse("2028-01-01T05:30:00Z");

    // when / then
    assertThat(hourly.nextFireAfter(after, PARIS, window))
        .isEqualTo(hourly.nextFireAfter(after, ZoneId.of("America/New_York"), window))
        .contains(Instant.parse("2028-01-01T06:00:00Z"));
  }

  @Test
  void without_a_start_date_the_next_fire_is_one_interval_after_the_last_one() {
    // given
    Instant lastFire = Instant.parse("2028-01-01T10:03:17Z");

    // when
    var next = ScheduleExpression.parse("rate(2 hours)").nextFireAfter(lastFire, PARIS);

    // then
    assertThat(next).contains(Instant.parse("2028-01-01T12:03:17Z"));
  }

  @Test
  void a_schedule_without_a_start_date_starts_at_its_creation() {
    // given
    Instant createdAt = Instant.parse("2028-01-01T10:03:17Z");
    ScheduleWindow window = ScheduleWindow.unbounded().startingAtCreationIfUnset(createdAt);

    // when
    var fires =
        ScheduleExpression.parse("rate(10 minutes)")
            .nextFires(createdAt.minusNanos(1), ZoneOffset.UTC, window, 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-01-01T10:03:17Z", "2028-01-01T10:13:17Z"));
  }

  @Test
  void the_end_date_is_the_last_possible_fire() {
    // given
    ScheduleWindow window = ScheduleWindow.between(START, Instant.parse("2028-01-01T00:10:00Z"));

    // when
    var fires =
        ScheduleExpression.parse("rate(5 minutes)")
            .nextFires(START.minusSeconds(1), ZoneOffset.UTC, window, 10);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-01-01T00:00:00Z", "2028-01-01T00:05:00Z", "2028-01-01T00:10:00Z"));
  }

  @Test
  void building_a_rate_checks_its_value() {
    // when / then
    assertThatThrownBy(() -> new RateExpression(0, RateUnit.MINUTES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be a positive integer: 0");
  }
}
