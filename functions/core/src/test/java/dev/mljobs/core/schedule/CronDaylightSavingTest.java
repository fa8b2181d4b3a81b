package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS: a local time that does not exist (spring forward) is skipped; a local time that occurs twice
 * (fall back) fires once. In 2028 Europe/Paris changes on 26 March (02:00 CET -> 03:00 CEST) and 29
 * October (03:00 CEST -> 02:00 CET); America/New_York on 12 March (02:00 EST -> 03:00 EDT) and 5
 * November (02:00 EDT -> 01:00 EST).
 */
class CronDaylightSavingTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static List<Instant> fires(String expression, ZoneId zone, String after, int count) {
    return ScheduleExpression.parse(expression)
        .nextFires(Instant.parse(after), zone, ScheduleWindow.unbounded(), count);
  }

  private static List<Instant> instants(String... isoInstants) {
    return Arrays.stream(isoInstants).map(Instant::parse).toList();
  }

  @Test
  void paris_daily_0230_job_is_skipped_on_the_day_the_clocks_go_forward() {
    // when
    var fires = fires("cron(30 2 * * ? *)", PARIS, "2028-03-25T00:00:00Z", 2);

    // then: 02:30 CET on the 25th, nothing on the 26th (not moved to 03:30), 02:30 CEST on the 27th
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-03-25T01:30:00Z", "2028-03-27T00:30:00Z"));
  }

  @Test
  void paris_daily_0230_job_runs_once_at_the_first_0230_when_the_clocks_go_back() {
    // when
    var fires = fires("cron(30 2 * * ? *)", PARIS, "2028-10-28T00:00:00Z", 3);

    // then: 02:30 CEST on the 28th, 02:30 CEST (first pass) only on the 29th, 02:30 CET on the 30th
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-10-28T00:30:00Z", "2028-10-29T00:30:00Z", "2028-10-30T01:30:00Z"));
  }

  @Test
  void paris_hourly_job_has_no_0200_run_when_the_clocks_go_forward() {
    // when: from 00:30 CET
    var fires = fires("cron(0 * * * ? *)", PARIS, "2028-03-25T23:30:00Z", 3);

    // then: 01:00 CET, 03:00 CEST, 04:00 CEST - one hour apart in real time
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-03-26T00:00:00Z", "2028-03-26T01:00:00Z", "2028-03-26T02:00:00Z"));
  }

  @Test
  void paris_hourly_job_runs_0200_once_when_the_clocks_go_back() {
    // when: from 00:30 CEST
    var fires = fires("cron(0 * * * ? *)", PARIS, "2028-10-28T22:30:00Z", 4);

    // then: 01:00 CEST, 02:00 CEST, (02:00 CET is a repeat: no run), 03:00 CET, 04:00 CET
    assertThat(fires)
        .containsExactlyElementsOf(
            instants(
                "2028-10-28T23:00:00Z",
                "2028-10-29T00:00:00Z",
                "2028-10-29T02:00:00Z",
                "2028-10-29T03:00:00Z"));
  }

  @Test
  void a_search_starting_inside_the_repeated_hour_does_not_fire_its_times_again() {
    // given: 02:10 CET, the second pass through 02:10; 02:15..02:45 already fired in CEST
    Instant secondPass = Instant.parse("2028-10-29T01:10:00Z");

    // when
    var next = ScheduleExpression.parse("cron(0/15 * * * ? *)").nextFireAfter(secondPass, PARIS);

    // then: 03:00 CET
    assertThat(next).contains(Instant.parse("2028-10-29T02:00:00Z"));
  }

  @Test
  void a_search_starting_in_the_first_pass_of_the_repeated_hour_carries_on_in_it() {
    // given: 02:10 CEST, the first pass
    Instant firstPass = Instant.parse("2028-10-29T00:10:00Z");

    // when
    var next = ScheduleExpression.parse("cron(0/15 * * * ? *)").nextFireAfter(firstPass, PARIS);

    // then: 02:15 CEST
    assertThat(next).contains(Instant.parse("2028-10-29T00:15:00Z"));
  }

  @Test
  void new_york_daily_0230_job_is_skipped_on_the_day_the_clocks_go_forward() {
    // when
    var fires = fires("cron(30 2 * * ? *)", NEW_YORK, "2028-03-11T00:00:00Z", 2);

    // then: 02:30 EST on the 11th, nothing on the 12th, 02:30 EDT on the 13th
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-03-11T07:30:00Z", "2028-03-13T06:30:00Z"));
  }

  @Test
  void new_york_daily_0130_job_runs_once_at_the_first_0130_when_the_clocks_go_back() {
    // when
    var fires = fires("cron(30 1 * * ? *)", NEW_YORK, "2028-11-04T12:00:00Z", 2);

    // then: 01:30 EDT on the 5th (not again at 01:30 EST), 01:30 EST on the 6th
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-11-05T05:30:00Z", "2028-11-06T06:30:00Z"));
  }

  @Test
  void new_york_hourly_job_has_no_0200_run_when_the_clocks_go_forward() {
    // when: from 00:30 EST
    var fires = fires("cron(0 * * * ? *)", NEW_YORK, "2028-03-12T05:30:00Z", 3);

    // then: 01:00 EST, 03:00 EDT, 04:00 EDT
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-03-12T06:00:00Z", "2028-03-12T07:00:00Z", "2028-03-12T08:00:00Z"));
  }

  @Test
  void new_york_hourly_job_runs_0100_once_when_the_clocks_go_back() {
    // when: from 00:30 EDT
    var fires = fires("cron(0 * * * ? *)", NEW_YORK, "2028-11-05T04:30:00Z", 3);

    // then: 01:00 EDT, (01:00 EST is a repeat: no run), 02:00 EST, 03:00 EST
    assertThat(fires)
        .containsExactlyElementsOf(
            instants("2028-11-05T05:00:00Z", "2028-11-05T07:00:00Z", "2028-11-05T08:00:00Z"));
  }

  @Test
  void a_job_outside_the_changed_hour_keeps_its_local_time_across_the_change() {
    // when
    var fires = fires("cron(0 9 * * ? *)", PARIS, "2028-03-25T00:00:00Z", 2);

    // then: 09:00 CET (08:00Z) then 09:00 CEST (07:00Z)
    assertThat(fires)
        .containsExactlyElementsOf(instants("2028-03-25T08:00:00Z", "2028-03-26T07:00:00Z"));
  }
}
