package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.testkit.Waits;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * The emulator on real time, as the runtime uses it: no hand-moved clock. A timer never fires
 * early, so the lower bound holds on any machine; how late it fires depends on the load, so the
 * test checks that the invocation is the one scheduled for that time, not a wall-clock bound.
 */
class RealTimeFiringTest {

  record Fire(Instant at, String input) {}

  @Test
  void a_one_time_schedule_a_few_seconds_ahead_fires_on_time_and_is_deleted() throws Exception {
    // given
    BlockingQueue<Fire> fires = new LinkedBlockingQueue<>();
    try (LocalScheduler scheduler =
            LocalScheduler.builder(
                    invocation -> fires.add(new Fire(Instant.now(), invocation.input())))
                .start();
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
              .target(
                  t ->
                      t.arn(SchedulerFixture.QUEUE_ARN)
                          .roleArn(ROLE_ARN)
                          .input("{\"scheduled\":\"<aws.scheduler.scheduled-time>\"}"))
              .build());
      Fire fired = fires.poll(Waits.GENEROUS.toSeconds(), TimeUnit.SECONDS);

      // then: not early, and the invocation of that very time
      assertThat(fired).isNotNull();
      assertThat(fired.at()).isAfterOrEqualTo(fireTime);
      assertThat(fired.input()).isEqualTo("{\"scheduled\":\"" + fireTime + "\"}");
      // and once it has fired, the one-time schedule is deleted, having fired once
      patiently("the schedule is deleted")
          .until(
              () -> {
                try {
                  client.getSchedule(r -> r.name("soon"));
                  return false;
                } catch (ResourceNotFoundException deleted) {
                  return true;
                }
              });
      assertThat(fires).isEmpty();
    }
  }
}
