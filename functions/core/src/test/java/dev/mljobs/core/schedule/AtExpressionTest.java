package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtExpressionTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void fires_once_at_the_local_time_in_the_zone_and_then_never_again() {
    // given
    ScheduleExpression once = ScheduleExpression.parse("at(2028-06-01T09:00:00)");

    // when
    var fires =
        once.nextFires(Instant.parse("2028-01-01T00:00:00Z"), PARIS, ScheduleWindow.unbounded(), 5);

    // then: 09:00 CEST is 07:00 UTC
    assertThat(fires).containsExactly(Instant.parse("2028-06-01T07:00:00Z"));
    assertThat(once.nextFireAfter(Instant.parse("2028-06-01T07:00:00Z"), PARIS)).isEmpty();
  }

  @Test
  void a_time_in_the_spring_forward_gap_fires_when_the_gap_ends_plus_its_offset() {
    // when: 02:30 does not exist in Paris on 2028-03-26
    var fire =
        ScheduleExpression.parse("at(2028-03-26T02:30:00)")
            .nextFireAfter(Instant.parse("2028-03-01T00:00:00Z"), PARIS);

    // then: moved by the gap's length to 03:30 CEST
    assertThat(fire).contains(Instant.parse("2028-03-26T01:30:00Z"));
  }

  @Test
  void a_time_in_the_fall_back_overlap_fires_at_its_first_occurrence() {
    // when: 02:30 happens twice in Paris on 2028-10-29
    var fire =
        ScheduleExpression.parse("at(2028-10-29T02:30:00)")
            .nextFireAfter(Instant.parse("2028-10-01T00:00:00Z"), PARIS);

    // then: 02:30 CEST
    assertThat(fire).contains(Instant.parse("2028-10-29T00:30:00Z"));
  }

  @Test
  void start_and_end_dates_are_ignored_as_aws_does_for_one_time_schedules() {
    // given
    ScheduleWindow window =
        ScheduleWindow.between(
            Instant.parse("2028-07-01T00:00:00Z"), Instant.parse("2028-08-01T00:00:00Z"));

    // when
    var fire =
        ScheduleExpression.parse("at(2028-06-01T09:00:00)")
            .nextFireAfter(Instant.parse("2028-01-01T00:00:00Z"), PARIS, window);

    // then
    assertThat(fire).contains(Instant.parse("2028-06-01T07:00:00Z"));
  }

  @Test
  void keeps_the_local_date_time_and_writes_it_back_with_seconds() {
    // when
    AtExpression at = (AtExpression) ScheduleExpression.parse("at(2028-06-01T09:00:00)");

    // then
    assertThat(at.dateTime()).isEqualTo(LocalDateTime.of(2028, 6, 1, 9, 0, 0));
    assertThat(at.expression()).isEqualTo("at(2028-06-01T09:00:00)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "at(2028-02-30T10:00:00)  | 2028-02-30T10:00:00 is not a valid date and time",
        "at(2027-02-29T10:00:00)  | 2027-02-29T10:00:00 is not a valid date and time",
        "at(2028-06-01T24:00:00)  | 2028-06-01T24:00:00 is not a valid date and time",
        "at(2028-06-01T09:00)     | expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2028-03-26T02:30:00)",
        "at(2028-06-01 09:00:00)  | expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2028-03-26T02:30:00)",
        "at(2028-06-01T09:00:00Z) | expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2028-03-26T02:30:00)",
        "at(2028-06-01T09:00:00.5) | expected at(yyyy-mm-ddThh:mm:ss), e.g. at(2028-03-26T02:30:00)"
      })
  void rejects_what_aws_rejects_naming_the_fault(String expression, String reason) {
    // when / then
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessage("Invalid Schedule Expression " + expression + ": " + reason);
  }
}
