package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.DLQ_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.QUEUE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;

class DeliveryRetryTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  private static final Instant FIRE = NOW.plus(Duration.ofHours(1));
  private static final String INPUT = "{\"attempt\":<aws.scheduler.attempt-number>}";

  private final SchedulerFixture fixture = SchedulerFixture.startingAt(NOW);

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void a_failed_delivery_is_retried_with_doubling_waits_until_it_succeeds() {
    // given
    hourlyWith(RetryPolicy.builder().maximumRetryAttempts(5).build());
    fixture.targets.failNext(QUEUE_ARN, 2);

    // when
    fixture.time.advanceTo(FIRE.plus(Duration.ofMinutes(30)));

    // then
    assertThat(fixture.targets.timesTo(QUEUE_ARN))
        .containsExactly(FIRE, FIRE.plusSeconds(1), FIRE.plusSeconds(3));
    assertThat(fixture.targets.to(QUEUE_ARN))
        .extracting(RecordingTargets.Delivery::input)
        .containsExactly("{\"attempt\":1}", "{\"attempt\":2}", "{\"attempt\":3}");
    assertThat(fixture.targets.to(DLQ_ARN)).isEmpty();
  }

  @Test
  void once_the_retries_are_spent_the_event_goes_to_the_dead_letter_queue() {
    // given
    hourlyWith(RetryPolicy.builder().maximumRetryAttempts(3).build());
    fixture.targets.failNext(QUEUE_ARN, 100);

    // when
    fixture.time.advanceTo(FIRE.plus(Duration.ofMinutes(30)));

    // then
    assertThat(fixture.targets.timesTo(QUEUE_ARN))
        .containsExactly(FIRE, FIRE.plusSeconds(1), FIRE.plusSeconds(3), FIRE.plusSeconds(7));
    List<RecordingTargets.Delivery> deadLetters = fixture.targets.to(DLQ_ARN);
    assertThat(deadLetters).hasSize(1);
    assertThat(deadLetters.get(0).at()).isEqualTo(FIRE.plusSeconds(7));
    assertThat(deadLetters.get(0).input()).isEqualTo("{\"attempt\":4}");
    assertThat(deadLetters.get(0).invocation().messageAttributes())
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
        .containsEntry("RETRY_ATTEMPTS", "3")
        .containsEntry("ERROR_MESSAGE", "target unavailable")
        .containsEntry("TARGET_ARN", QUEUE_ARN)
        .containsEntry(
            "SCHEDULE_ARN", "arn:aws:scheduler:us-east-1:000000000000:schedule/default/hourly");
  }

  @Test
  void retries_stop_when_the_next_would_come_after_the_maximum_event_age() {
    // given
    hourlyWith(RetryPolicy.builder().maximumEventAgeInSeconds(60).build());
    fixture.targets.failNext(QUEUE_ARN, 1000);

    // when
    fixture.time.advanceTo(FIRE.plus(Duration.ofMinutes(30)));

    // then waits of 1, 2, 4, 8, 16 s; the next (32 s) would end 63 s after the fire
    assertThat(fixture.targets.timesTo(QUEUE_ARN))
        .containsExactly(
            FIRE,
            FIRE.plusSeconds(1),
            FIRE.plusSeconds(3),
            FIRE.plusSeconds(7),
            FIRE.plusSeconds(15),
            FIRE.plusSeconds(31));
    assertThat(fixture.targets.to(DLQ_ARN))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.invocation().messageAttributes())
                    .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds")
                    .containsEntry("RETRY_ATTEMPTS", "5"));
  }

  @Test
  void the_wait_between_attempts_stops_doubling_at_one_minute() {
    // given
    hourlyWith(RetryPolicy.builder().maximumRetryAttempts(9).build());
    fixture.targets.failNext(QUEUE_ARN, 1000);

    // when
    fixture.time.advanceTo(FIRE.plus(Duration.ofMinutes(30)));

    // then
    List<Instant> attempts = fixture.targets.timesTo(QUEUE_ARN);
    List<Long> waits = new ArrayList<>();
    for (int i = 1; i < attempts.size(); i++) {
      waits.add(Duration.between(attempts.get(i - 1), attempts.get(i)).toSeconds());
    }
    assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void without_a_dead_letter_queue_a_spent_event_is_dropped_and_the_schedule_fires_on() {
    // given
    fixture
        .client()
        .createSchedule(
            aSchedule("hourly")
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(ROLE_ARN)
                            .retryPolicy(r -> r.maximumRetryAttempts(0)))
                .build());
    fixture.targets.failNext(QUEUE_ARN, 1);

    // when
    fixture.time.advanceTo(FIRE.plus(Duration.ofHours(1)));

    // then the failed fire is not retried, the next one is delivered
    assertThat(fixture.targets.timesTo(QUEUE_ARN))
        .containsExactly(FIRE, FIRE.plus(Duration.ofHours(1)));
  }

  private void hourlyWith(RetryPolicy retryPolicy) {
    fixture
        .client()
        .createSchedule(
            aSchedule("hourly")
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(ROLE_ARN)
                            .input(INPUT)
                            .retryPolicy(retryPolicy)
                            .deadLetterConfig(d -> d.arn(DLQ_ARN)))
                .build());
  }
}
