package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/** The emulator on real time, as the runtime uses it: no hand-moved clock. */
class RealTimeFiringTest {

  @Test
  @Timeout(15)
  void a_one_time_schedule_a_few_seconds_ahead_fires_on_time_and_is_deleted() throws Exception {
    // given
    BlockingQueue<Instant> fires = new LinkedBlockingQueue<>();
    try (LocalScheduler scheduler =
            LocalScheduler.builder(invocation -> fires.add(Instant.now())).start();
        SchedulerClient client = SchedulerFixture.clientFor(scheduler.endpoint())) {
      // Whole seconds, as at() writes them; at least two seconds ahead.
      Instant fireTime = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

      // when
      client.createSchedule(
          SchedulerFixture.aSchedule("soon")
              .scheduleExpression(
                  "at("
                      + LocalDateTime.ofInstant(fireTime, ZoneOffset.UTC)
                          .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                      + ")")
              .actionAfterCompletion(ActionAfterCompletion.DELETE)
              .target(t -> t.arn(SchedulerFixture.QUEUE_ARN).roleArn(ROLE_ARN))
              .build());
      Instant fired = fires.poll(10, TimeUnit.SECONDS);

      // then
      assertThat(fired).isNotNull().isAfterOrEqualTo(fireTime).isBefore(fireTime.plusSeconds(2));
      assertThat(fires.poll(1, TimeUnit.SECONDS)).isNull();
      assertThatThrownBy(() -> client.getSchedule(r -> r.name("soon")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }
}
