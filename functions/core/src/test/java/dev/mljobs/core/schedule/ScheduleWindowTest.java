package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleWindowTest {

  private static final ScheduleExpression DAILY_AT_TEN =
      ScheduleExpression.parse("cron(0 10 * * ? *)");

  @Test
  void a_cron_schedule_does_not_fire_before_its_start_date() {
    // given
    ScheduleWindow window = ScheduleWindow.startingAt(Instant.parse("2028-01-05T12:00:00Z"));

    // when
    var next =
        DAILY_AT_TEN.nextFireAfter(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC, window);

    // then
    assertThat(next).contains(Instant.parse("2028-01-06T10:00:00Z"));
  }

  @Test
  void a_cron_fire_exactly_at_the_start_date_counts() {
    // given
    ScheduleWindow window = ScheduleWindow.startingAt(Instant.parse("2028-01-05T10:00:00Z"));

    // when
    var next =
        DAILY_AT_TEN.nextFireAfter(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC, window);

    // then
    assertThat(next).contains(Instant.parse("2028-01-05T10:00:00Z"));
  }

  @Test
  void a_cron_fire_exactly_at_the_end_date_counts_and_nothing_after_it() {
    // given
    ScheduleWindow window = ScheduleWindow.endingAt(Instant.parse("2028-01-03T10:00:00Z"));

    // when
    var fires =
        DAILY_AT_TEN.nextFires(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC, window, 10);

    // then
    assertThat(fires)
        .containsExactly(
            Instant.parse("2028-01-01T10:00:00Z"),
            Instant.parse("2028-01-02T10:00:00Z"),
            Instant.parse("2028-01-03T10:00:00Z"));
  }

  @Test
  void past_the_end_date_there_is_no_next_fire() {
    // given
    ScheduleWindow window =
        ScheduleWindow.between(
            Instant.parse("2028-01-01T00:00:00Z"), Instant.parse("2028-01-03T09:59:59Z"));

    // when
    var next =
        DAILY_AT_TEN.nextFireAfter(Instant.parse("2028-01-02T10:00:00Z"), ZoneOffset.UTC, window);

    // then
    assertThat(next).isEmpty();
  }

  @Test
  void an_end_date_not_after_the_start_date_is_refused() {
    // given
    Instant start = Instant.parse("2028-01-02T00:00:00Z");

    // when / then
    assertThatThrownBy(() -> ScheduleWindow.between(start, Instant.parse("2028-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endDate 2028-01-01T00:00:00Z must be after startDate 2028-01-02T00:00:00Z");
    assertThatThrownBy(() -> ScheduleWindow.between(start, start))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be after startDate");
  }

  @Test
  void the_creation_time_stands_in_only_for_a_missing_start_date() {
    // given
    Instant createdAt = Instant.parse("2028-01-01T00:00:00Z");
    Instant ownStart = Instant.parse("2028-02-01T00:00:00Z");

    // when
    ScheduleWindow withoutStart = ScheduleWindow.unbounded().startingAtCreationIfUnset(createdAt);
    ScheduleWindow withStart =
        ScheduleWindow.startingAt(ownStart).startingAtCreationIfUnset(createdAt);

    // then
    assertThat(withoutStart.startDate()).contains(createdAt);
    assertThat(withStart.startDate()).contains(ownStart);
    assertThat(withoutStart.endDate()).isEqualTo(Optional.empty());
  }
}
