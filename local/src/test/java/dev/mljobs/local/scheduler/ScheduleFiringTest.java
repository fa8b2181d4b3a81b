package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.QUEUE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

class ScheduleFiringTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  static Stream<Arguments> daylightSavingChanges() {
    return Stream.of(
        Arguments.of(
            "Berlin springs forward: 02:30 does not exist on 29 March",
            "Europe/Berlin",
            "cron(30 2 * * ? *)",
            "2026-03-27T00:00:00Z",
            "2026-03-31T12:00:00Z",
            times(
                "2026-03-27T01:30:00Z", // 02:30 CET
                "2026-03-28T01:30:00Z",
                "2026-03-30T00:30:00Z", // 02:30 CEST
                "2026-03-31T00:30:00Z")),
        Arguments.of(
            "Berlin falls back: 02:30 happens twice on 25 October, fires once",
            "Europe/Berlin",
            "cron(30 2 * * ? *)",
            "2026-10-23T12:00:00Z",
            "2026-10-26T12:00:00Z",
            times(
                "2026-10-24T00:30:00Z", // 02:30 CEST
                "2026-10-25T00:30:00Z", // the first 02:30 only
                "2026-10-26T01:30:00Z")), // 02:30 CET
        Arguments.of(
            "New York springs forward: 02:30 does not exist on 8 March",
            "America/New_York",
            "cron(30 2 * * ? *)",
            "2026-03-07T00:00:00Z",
            "2026-03-09T12:00:00Z",
            times("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z")),
        Arguments.of(
            "New York falls back: 01:30 happens twice on 1 November, fires once",
            "America/New_York",
            "cron(30 1 * * ? *)",
            "2026-10-31T00:00:00Z",
            "2026-11-02T12:00:00Z",
            times(
                "2026-10-31T05:30:00Z", // 01:30 EDT
                "2026-11-01T05:30:00Z", // the first 01:30 only
                "2026-11-02T06:30:00Z"))); // 01:30 EST
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("daylightSavingChanges")
  void a_daily_cron_follows_its_zone_across_daylight_saving_changes(
      String change, String zone, String cron, String from, String to, List<Instant> expected) {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(Instant.parse(from))) {
      // given
      fixture
          .client()
          .createSchedule(
              aSchedule("daily").scheduleExpression(cron).scheduleExpressionTimezone(zone).build());

      // when
      fixture.time.advanceTo(Instant.parse(to));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void a_rate_with_a_start_date_fires_from_the_start_date_at_each_interval() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(
              aSchedule("often")
                  .scheduleExpression("rate(10 minutes)")
                  .startDate(NOW.plus(Duration.ofHours(1)))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofMinutes(85));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactly(at(60), at(70), at(80));
    }
  }

  @Test
  void a_rate_without_a_start_date_counts_from_its_creation() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(aSchedule("often").scheduleExpression("rate(10 minutes)").build());

      // when
      fixture.time.advanceBy(Duration.ofMinutes(35));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactly(at(10), at(20), at(30));
    }
  }

  @Test
  void the_end_date_stops_a_recurring_schedule() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(aSchedule("hourly").endDate(NOW.plus(Duration.ofHours(3))).build());

      // when
      fixture.time.advanceBy(Duration.ofHours(10));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactly(at(60), at(120), at(180));
    }
  }

  @Test
  void a_disabled_schedule_never_fires_until_it_is_enabled() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(
              aSchedule("paused")
                  .scheduleExpression("rate(1 minute)")
                  .state(ScheduleState.DISABLED)
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofDays(1));

      // then
      assertThat(fixture.targets.to(QUEUE_ARN)).isEmpty();

      // when
      fixture
          .client()
          .updateSchedule(
              u ->
                  u.name("paused")
                      .scheduleExpression("rate(1 minute)")
                      .state(ScheduleState.ENABLED)
                      .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                      .target(t -> t.arn(QUEUE_ARN).roleArn(ROLE_ARN)));
      fixture.time.advanceBy(Duration.ofMinutes(2));

      // then
      assertThat(fixture.targets.to(QUEUE_ARN)).hasSize(2);
    }
  }

  @Test
  void a_deleted_schedule_fires_no_more() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture.client().createSchedule(aSchedule("hourly").build());
      fixture.time.advanceBy(Duration.ofMinutes(90));

      // when
      fixture.client().deleteSchedule(r -> r.name("hourly"));
      fixture.time.advanceBy(Duration.ofHours(5));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactly(at(60));
    }
  }

  @Test
  void a_one_time_schedule_to_delete_after_completion_fires_once_in_its_zone_then_is_gone() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given 14:30 in Berlin (CEST) is 12:30 UTC
      fixture
          .client()
          .createSchedule(
              aSchedule("once")
                  .scheduleExpression("at(2026-05-04T14:30:00)")
                  .scheduleExpressionTimezone("Europe/Berlin")
                  .actionAfterCompletion(ActionAfterCompletion.DELETE)
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofDays(2));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN))
          .containsExactly(Instant.parse("2026-05-04T12:30:00Z"));
      assertThatThrownBy(() -> fixture.client().getSchedule(r -> r.name("once")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void a_one_time_schedule_kept_after_completion_fires_only_once() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(aSchedule("once").scheduleExpression("at(2026-05-04T10:05:00)").build());

      // when
      fixture.time.advanceBy(Duration.ofDays(2));

      // then
      assertThat(fixture.targets.timesTo(QUEUE_ARN)).containsExactly(at(5));
      assertThat(fixture.client().getSchedule(r -> r.name("once")).name()).isEqualTo("once");
    }
  }

  @Test
  void a_one_time_schedule_already_past_when_created_never_fires() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(aSchedule("late").scheduleExpression("at(2026-05-04T09:00:00)").build());

      // when
      fixture.time.advanceBy(Duration.ofDays(1));

      // then
      assertThat(fixture.targets.to(QUEUE_ARN)).isEmpty();
    }
  }

  @Test
  void the_input_gets_aws_context_attributes_and_an_empty_input_is_an_empty_object() {
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW)) {
      // given
      fixture
          .client()
          .createSchedule(
              aSchedule("context")
                  .target(
                      t ->
                          t.arn(QUEUE_ARN)
                              .roleArn(ROLE_ARN)
                              .input(
                                  "{\"at\":\"<aws.scheduler.scheduled-time>\","
                                      + "\"schedule\":\"<aws.scheduler.schedule-arn>\","
                                      + "\"attempt\":<aws.scheduler.attempt-number>}"))
                  .build());
      fixture
          .client()
          .createSchedule(
              aSchedule("bare")
                  .target(t -> t.arn(SchedulerFixture.DLQ_ARN).roleArn(ROLE_ARN))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofHours(1));

      // then
      assertThat(fixture.targets.to(QUEUE_ARN).get(0).input())
          .isEqualTo(
              "{\"at\":\"2026-05-04T11:00:00Z\","
                  + "\"schedule\":\"arn:aws:scheduler:us-east-1:000000000000:schedule/default/context\","
                  + "\"attempt\":1}");
      assertThat(fixture.targets.to(SchedulerFixture.DLQ_ARN).get(0).input()).isEqualTo("{}");
    }
  }

  private static Instant at(int minutesAfterNow) {
    return NOW.plus(Duration.ofMinutes(minutesAfterNow));
  }

  private static List<Instant> times(String... instants) {
    return Arrays.stream(instants).map(Instant::parse).toList();
  }
}
