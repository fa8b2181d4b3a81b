package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cron feature, on known calendars (2028 is a leap year; 2028-02-01 is a Tuesday). */
class CronExpressionEvaluationTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  private static List<Instant> fires(String expression, String after, int count) {
    return ScheduleExpression.parse(expression)
        .nextFires(Instant.parse(after), UTC, ScheduleWindow.unbounded(), count);
  }

  private static List<Instant> instants(String... isoInstants) {
    return java.util.Arrays.stream(isoInstants).map(Instant::parse).toList();
  }

  @Test
  void next_fire_is_strictly_after_the_given_instant() {
    // given
    ScheduleExpression daily = ScheduleExpression.parse("cron(0 10 * * ? *)");

    // when
    var atFireTime = daily.nextFireAfter(Instant.parse("2028-02-01T10:00:00Z"), UTC);
    var justBefore = daily.nextFireAfter(Instant.parse("2028-02-01T09:59:59.999Z"), UTC);

    // then
    assertThat(atFireTime).contains(Instant.parse("2028-02-02T10:00:00Z"));
    assertThat(justBefore).contains(Instant.parse("2028-02-01T10:00:00Z"));
  }

  @Test
  void lists_and_named_weekday_ranges_fire_on_working_days_only() {
    // when: from Friday evening
    var fires = fires("cron(0 9,17 ? * MON-FRI *)", "2028-02-04T18:00:00Z", 3);

    // then: Monday morning, Monday evening, Tuesday morning
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-02-07T09:00:00Z", "2028-02-07T17:00:00Z", "2028-02-08T09:00:00Z"));
  }

  @Test
  void an_increment_counts_from_its_start_value() {
    // when
    var fires = fires("cron(1/10 * * * ? *)", "2028-02-01T00:00:00Z", 3);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-02-01T00:01:00Z", "2028-02-01T00:11:00Z", "2028-02-01T00:21:00Z"));
  }

  @Test
  void an_increment_within_an_hour_range_stops_at_the_end_of_the_range() {
    // when
    var fires = fires("cron(0/30 8-9 * * ? *)", "2028-02-01T00:00:00Z", 5);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants(
                "2028-02-01T08:00:00Z",
                "2028-02-01T08:30:00Z",
                "2028-02-01T09:00:00Z",
                "2028-02-01T09:30:00Z",
                "2028-02-02T08:00:00Z"));
  }

  @Test
  void month_names_select_months() {
    // when
    var fires = fires("cron(0 12 1 JAN,JUL ? *)", "2028-02-01T00:00:00Z", 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-07-01T12:00:00Z", "2029-01-01T12:00:00Z"));
  }

  @Test
  void day_of_week_1_is_sunday_and_7_is_saturday() {
    // when
    var sunday = fires("cron(0 12 ? * 1 *)", "2028-02-01T00:00:00Z", 1);
    var saturday = fires("cron(0 12 ? * 7 *)", "2028-02-01T00:00:00Z", 1);

    // then
    assertThat(sunday).containsExactlyElementsOf(instants("2028-02-06T12:00:00Z"));
    assertThat(saturday).containsExactlyElementsOf(instants("2028-02-05T12:00:00Z"));
  }

  @Test
  void a_backwards_weekday_range_wraps_round_the_weekend() {
    // when
    var fires = fires("cron(0 12 ? * FRI-MON *)", "2028-02-01T00:00:00Z", 5);

    // then: Fri, Sat, Sun, Mon, then the next Friday
    assertThat(fires)
        .containsExactlyElementsOf(
            instants(
                "2028-02-04T12:00:00Z",
                "2028-02-05T12:00:00Z",
                "2028-02-06T12:00:00Z",
                "2028-02-07T12:00:00Z",
                "2028-02-11T12:00:00Z"));
  }

  @Test
  void l_in_day_of_month_is_the_last_day_including_february_29_in_a_leap_year() {
    // when
    var fires = fires("cron(0 12 L * ? *)", "2028-02-01T00:00:00Z", 3);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-02-29T12:00:00Z", "2028-03-31T12:00:00Z", "2028-04-30T12:00:00Z"));
  }

  @Test
  void l_in_february_is_the_28th_outside_leap_years() {
    // when
    var fires = fires("cron(0 12 L FEB ? *)", "2028-03-01T00:00:00Z", 4);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants(
                "2029-02-28T12:00:00Z",
                "2030-02-28T12:00:00Z",
                "2031-02-28T12:00:00Z",
                "2032-02-29T12:00:00Z"));
  }

  @Test
  void a_day_followed_by_l_in_day_of_week_is_its_last_occurrence_in_the_month() {
    // when: 6 = Friday, 5 = Thursday
    var lastFriday = fires("cron(0 12 ? * 6L *)", "2028-02-01T00:00:00Z", 2);
    var lastThursday = fires("cron(0 12 ? * 5L *)", "2028-02-01T00:00:00Z", 1);

    // then
    assertThat(lastFriday)
        .containsExactlyElementsOf(instants("2028-02-25T12:00:00Z", "2028-03-31T12:00:00Z"));
    assertThat(lastThursday).containsExactlyElementsOf(instants("2028-02-24T12:00:00Z"));
  }

  @Test
  void l_alone_in_day_of_week_is_saturday() {
    // when
    var fires = fires("cron(0 10 ? * L *)", "2028-02-01T00:00:00Z", 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-02-05T10:00:00Z", "2028-02-12T10:00:00Z"));
  }

  @Test
  void w_moves_a_weekend_day_to_the_nearest_weekday_within_the_month() {
    // when: 2028-04-01 and 2028-07-01 are Saturdays, so 1W cannot go back into March or June
    var first = fires("cron(0 12 1W * ? *)", "2028-03-15T00:00:00Z", 2);
    // 2028-07-15 is a Saturday (-> Friday 14th), 2028-10-15 a Sunday (-> Monday 16th)
    var fifteenth = fires("cron(0 12 15W * ? *)", "2028-07-01T00:00:00Z", 4);

    // then
    assertThat(first)
        .containsExactlyElementsOf(instants("2028-04-03T12:00:00Z", "2028-05-01T12:00:00Z"));
    assertThat(fifteenth)
        .containsExactlyElementsOf(
            instants(
                "2028-07-14T12:00:00Z",
                "2028-08-15T12:00:00Z",
                "2028-09-15T12:00:00Z",
                "2028-10-16T12:00:00Z"));
  }

  @Test
  void lw_is_the_last_weekday_of_the_month() {
    // when: 2028-04-30 is a Sunday
    var fires = fires("cron(0 12 LW * ? *)", "2028-04-15T00:00:00Z", 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-04-28T12:00:00Z", "2028-05-31T12:00:00Z"));
  }

  @Test
  void hash_picks_the_nth_weekday_of_the_month() {
    // when: 6#3 = third Friday
    var fires = fires("cron(0 12 ? * 6#3 *)", "2028-02-01T00:00:00Z", 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-02-18T12:00:00Z", "2028-03-17T12:00:00Z"));
  }

  @Test
  void a_fifth_weekday_skips_the_months_that_have_none() {
    // when: 2#5 = fifth Monday
    var fires = fires("cron(0 12 ? * 2#5 *)", "2028-01-01T00:00:00Z", 3);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-01-31T12:00:00Z", "2028-05-29T12:00:00Z", "2028-07-31T12:00:00Z"));
  }

  @Test
  void the_year_field_limits_the_schedule_and_it_ends_after_its_last_year() {
    // given
    ScheduleExpression leapDays = ScheduleExpression.parse("cron(0 12 29 2 ? 2028-2032)");

    // when
    var fires =
        leapDays.nextFires(
            Instant.parse("2027-01-01T00:00:00Z"), UTC, ScheduleWindow.unbounded(), 5);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"));
    assertThat(leapDays.nextFireAfter(fires.get(1), UTC)).isEmpty();
  }

  @Test
  void a_year_increment_skips_years() {
    // when
    var fires = fires("cron(0 0 1 1 ? 2030/5)", "2028-02-01T00:00:00Z", 2);

    // then
    assertThat(fires)
        .containsExactlyElementsOf(instants("2030-01-01T00:00:00Z", "2035-01-01T00:00:00Z"));
  }

  @Test
  void fields_are_local_time_in_the_schedules_zone() {
    // given
    ScheduleExpression tenOClock = ScheduleExpression.parse("cron(0 10 * * ? *)");

    // when
    var tokyo =
        tenOClock.nextFireAfter(Instant.parse("2028-02-01T00:00:00Z"), ZoneId.of("Asia/Tokyo"));

    // then: 10:00 in Tokyo (UTC+9) is 01:00 UTC
    assertThat(tokyo).contains(Instant.parse("2028-02-01T01:00:00Z"));
  }
}
