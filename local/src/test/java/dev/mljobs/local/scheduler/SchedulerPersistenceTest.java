package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.DLQ_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.QUEUE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

class SchedulerPersistenceTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  @TempDir Path dataDirectory;
  private SchedulerFixture fixture;

  @BeforeEach
  void start() {
    fixture = SchedulerFixture.startingAt(NOW, dataDirectory);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void schedules_and_groups_survive_a_restart() throws IOException {
    // given
    fixture.client().createScheduleGroup(r -> r.name("reports"));
    fixture
        .client()
        .createSchedule(
            aSchedule("weekly")
                .groupName("reports")
                .scheduleExpression("cron(0 6 ? * MON *)")
                .scheduleExpressionTimezone("Europe/Berlin")
                .endDate(NOW.plus(Duration.ofDays(90)))
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(ROLE_ARN)
                            .input("{\"report\":\"weekly\"}")
                            .deadLetterConfig(d -> d.arn(DLQ_ARN)))
                .build());
    GetScheduleResponse before =
        fixture.client().getSchedule(r -> r.name("weekly").groupName("reports"));

    // when
    fixture.close();
    fixture.start();

    // then
    // The responses differ in their request ids only, which toString leaves out.
    assertThat(fixture.client().getSchedule(r -> r.name("weekly").groupName("reports")))
        .hasToString(before.toString());
    assertThat(fixture.client().getScheduleGroup(r -> r.name("reports")).name())
        .isEqualTo("reports");
    try (Stream<Path> files = Files.list(dataDirectory)) {
      assertThat(files)
          .extracting(f -> f.getFileName().toString())
          .containsExactly("scheduler.json");
    }
  }

  @Test
  void after_a_restart_a_recurring_schedule_goes_on_from_now_without_replaying_missed_fires() {
    // given
    fixture.client().createSchedule(aSchedule("hourly").build());
    fixture.time.advanceBy(Duration.ofMinutes(90));
    fixture.close();

    // when down for five hours
    fixture.time.advanceBy(Duration.ofHours(5));
    fixture.start();
    fixture.time.advanceTo(NOW.plus(Duration.ofHours(7)));

    // then
    assertThat(fixture.targets.timesTo(QUEUE_ARN))
        .containsExactly(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(7)));
  }

  @Test
  void a_one_time_schedule_that_came_due_while_down_fires_once_at_start() {
    // given
    fixture
        .client()
        .createSchedule(
            aSchedule("once")
                .scheduleExpression("at(2026-05-04T12:00:00)")
                .target(
                    t -> t.arn(QUEUE_ARN).roleArn(ROLE_ARN).input("<aws.scheduler.scheduled-time>"))
                .build());
    fixture.time.advanceBy(Duration.ofHours(1));
    fixture.close();

    // when back up an hour after it was due, then restarted once more
    fixture.time.advanceBy(Duration.ofHours(2));
    fixture.start();
    fixture.time.runDue();
    fixture.close();
    fixture.start();
    fixture.time.advanceBy(Duration.ofDays(1));

    // then
    assertThat(fixture.targets.to(QUEUE_ARN))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.at()).isEqualTo(NOW.plus(Duration.ofHours(3)));
              assertThat(d.input()).isEqualTo("2026-05-04T12:00:00Z");
            });
  }

  @Test
  void
      a_one_time_schedule_due_longer_ago_than_its_maximum_event_age_goes_to_its_dead_letter_queue() {
    // given
    fixture
        .client()
        .createSchedule(
            aSchedule("once")
                .scheduleExpression("at(2026-05-04T11:00:00)")
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(ROLE_ARN)
                            .retryPolicy(r -> r.maximumEventAgeInSeconds(3600))
                            .deadLetterConfig(d -> d.arn(DLQ_ARN)))
                .build());
    fixture.close();

    // when
    fixture.time.advanceBy(Duration.ofHours(5));
    fixture.start();
    fixture.time.runDue();

    // then
    assertThat(fixture.targets.to(QUEUE_ARN)).isEmpty();
    assertThat(fixture.targets.to(DLQ_ARN))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.invocation().messageAttributes())
                    .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds"));
  }

  @Test
  void a_one_time_schedule_deleted_after_completion_stays_deleted_after_a_restart() {
    // given
    fixture
        .client()
        .createSchedule(
            aSchedule("once")
                .scheduleExpression("at(2026-05-04T10:30:00)")
                .actionAfterCompletion("DELETE")
                .build());
    fixture.time.advanceBy(Duration.ofHours(1));

    // when
    fixture.close();
    fixture.start();

    // then
    assertThat(fixture.client().listSchedules(r -> {}).schedules()).isEmpty();
  }

  @Test
  void a_data_file_that_cannot_be_read_fails_the_start_rather_than_losing_the_schedules()
      throws IOException {
    // given
    fixture.close();
    Files.writeString(dataDirectory.resolve("scheduler.json"), "{\"Schedules\": [");

    // when / then
    assertThatThrownBy(fixture::start)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("scheduler.json");
    // An emulator for @AfterEach to close, on a fresh directory.
    Files.delete(dataDirectory.resolve("scheduler.json"));
    fixture.start();
  }
}
