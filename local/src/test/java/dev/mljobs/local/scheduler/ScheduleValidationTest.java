package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.QUEUE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

class ScheduleValidationTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  private final SchedulerFixture fixture = SchedulerFixture.startingAt(NOW);
  private final SchedulerClient client = fixture.client();

  @AfterEach
  void stop() {
    fixture.close();
  }

  static Stream<Arguments> invalidSchedules() {
    return Stream.of(
        Arguments.of(
            "an hour past 23",
            aSchedule("bad").scheduleExpression("cron(0 25 * * ? *)"),
            "Invalid Schedule Expression cron(0 25 * * ? *): "),
        Arguments.of(
            "a unit AWS does not know",
            aSchedule("bad").scheduleExpression("rate(10 seconds)"),
            "Invalid Schedule Expression rate(10 seconds): "),
        Arguments.of(
            "a zone that is not IANA",
            aSchedule("bad").scheduleExpressionTimezone("Mars/Olympus_Mons"),
            "Invalid timezone 'Mars/Olympus_Mons'"),
        Arguments.of(
            "an end before the start",
            aSchedule("bad")
                .startDate(Instant.parse("2026-06-01T00:00:00Z"))
                .endDate(Instant.parse("2026-05-01T00:00:00Z")),
            "The EndDate 2026-05-01T00:00:00Z must be after the StartDate 2026-06-01T00:00:00Z."),
        Arguments.of(
            "a recurring start more than five minutes ago",
            aSchedule("bad").startDate(NOW.minusSeconds(301)),
            "The StartDate you specify cannot be earlier than 5 minutes ago."),
        Arguments.of(
            "no target",
            aSchedule("bad").target((Target) null),
            "1 validation error detected: Value null at 'target' failed to satisfy constraint:"
                + " Member must not be null"),
        Arguments.of(
            "no flexible time window",
            aSchedule("bad").flexibleTimeWindow((FlexibleTimeWindow) null),
            "1 validation error detected: Value null at 'flexibleTimeWindow'"),
        Arguments.of(
            "a flexible window without its length",
            aSchedule("bad").flexibleTimeWindow(w -> w.mode("FLEXIBLE")),
            "1 validation error detected: Value null at"
                + " 'flexibleTimeWindow.maximumWindowInMinutes'"),
        Arguments.of(
            "a window mode AWS does not know",
            aSchedule("bad").flexibleTimeWindow(w -> w.mode("SOMETIMES")),
            "1 validation error detected: Value 'SOMETIMES' at 'flexibleTimeWindow.mode' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]"),
        Arguments.of(
            "more retries than AWS allows",
            aSchedule("bad")
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(SchedulerFixture.ROLE_ARN)
                            .retryPolicy(r -> r.maximumRetryAttempts(186))),
            "1 validation error detected: Value '186' at 'target.retryPolicy.maximumRetryAttempts'"
                + " failed to satisfy constraint: Member must have value between 0 and 185,"
                + " inclusive"),
        Arguments.of(
            "a role that is not an IAM role ARN",
            aSchedule("bad").target(t -> t.arn(QUEUE_ARN).roleArn("scheduler-role")),
            "1 validation error detected: Value 'scheduler-role' at 'target.roleArn'"),
        Arguments.of(
            "a dead-letter queue that is not an SQS queue",
            aSchedule("bad")
                .target(
                    t ->
                        t.arn(QUEUE_ARN)
                            .roleArn(SchedulerFixture.ROLE_ARN)
                            .deadLetterConfig(d -> d.arn("arn:aws:sns:us-east-1:000000000000:t"))),
            "1 validation error detected: Value 'arn:aws:sns:us-east-1:000000000000:t' at"
                + " 'target.deadLetterConfig.arn'"),
        Arguments.of(
            "a name with a space",
            aSchedule("two words"),
            "1 validation error detected: Value 'two words' at 'name' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSchedules")
  void a_schedule_aws_would_refuse_is_refused_with_its_reason(
      String what, CreateScheduleRequest.Builder request, String message) {
    assertThatThrownBy(() -> client.createSchedule(request.build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).startsWith(message);
            });
    assertThat(client.listSchedules(ListSchedulesRequest.builder().build()).schedules()).isEmpty();
  }

  @Test
  void an_update_aws_would_refuse_leaves_the_schedule_as_it_was() {
    // given
    client.createSchedule(aSchedule("hourly").build());

    // when / then
    assertThatThrownBy(
            () ->
                client.updateSchedule(
                    u ->
                        u.name("hourly")
                            .scheduleExpression("cron(0 12 * * * *)")
                            .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                            .target(t -> t.arn(QUEUE_ARN).roleArn(SchedulerFixture.ROLE_ARN))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Invalid Schedule Expression cron(0 12 * * * *)");
    assertThat(client.getSchedule(r -> r.name("hourly")).scheduleExpression())
        .isEqualTo("rate(1 hour)");
  }
}
