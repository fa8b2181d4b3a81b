package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.DLQ_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.QUEUE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

class SchedulerApiTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  private final SchedulerFixture fixture = SchedulerFixture.startingAt(NOW);
  private final SchedulerClient client = fixture.client();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void a_created_schedule_is_returned_with_every_member_it_was_given() {
    // given
    Instant start = NOW.plus(Duration.ofDays(1));
    Instant end = NOW.plus(Duration.ofDays(30));

    // when
    String arn =
        client
            .createSchedule(
                aSchedule("nightly")
                    .scheduleExpression("cron(0 2 * * ? *)")
                    .scheduleExpressionTimezone("Europe/Berlin")
                    .startDate(start)
                    .endDate(end)
                    .description("nightly model refresh")
                    .flexibleTimeWindow(
                        w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(15))
                    .target(
                        t ->
                            t.arn(QUEUE_ARN)
                                .roleArn(ROLE_ARN)
                                .input("{\"job\":\"nightly\"}")
                                .retryPolicy(r -> r.maximumRetryAttempts(3))
                                .deadLetterConfig(d -> d.arn(DLQ_ARN))
                                .sqsParameters(s -> s.messageGroupId("nightly")))
                    .actionAfterCompletion(ActionAfterCompletion.NONE)
                    .build())
            .scheduleArn();
    GetScheduleResponse schedule = client.getSchedule(r -> r.name("nightly"));

    // then
    assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly");
    assertThat(schedule.arn()).isEqualTo(arn);
    assertThat(schedule.name()).isEqualTo("nightly");
    assertThat(schedule.groupName()).isEqualTo("default");
    assertThat(schedule.scheduleExpression()).isEqualTo("cron(0 2 * * ? *)");
    assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
    assertThat(schedule.startDate()).isEqualTo(start);
    assertThat(schedule.endDate()).isEqualTo(end);
    assertThat(schedule.description()).isEqualTo("nightly model refresh");
    assertThat(schedule.state()).isEqualTo(ScheduleState.ENABLED);
    assertThat(schedule.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.FLEXIBLE);
    assertThat(schedule.flexibleTimeWindow().maximumWindowInMinutes()).isEqualTo(15);
    assertThat(schedule.target().arn()).isEqualTo(QUEUE_ARN);
    assertThat(schedule.target().roleArn()).isEqualTo(ROLE_ARN);
    assertThat(schedule.target().input()).isEqualTo("{\"job\":\"nightly\"}");
    assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(3);
    assertThat(schedule.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86_400);
    assertThat(schedule.target().deadLetterConfig().arn()).isEqualTo(DLQ_ARN);
    assertThat(schedule.target().sqsParameters().messageGroupId()).isEqualTo("nightly");
    assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
    assertThat(schedule.creationDate()).isEqualTo(NOW);
    assertThat(schedule.lastModificationDate()).isEqualTo(NOW);
  }

  @Test
  void members_left_out_of_a_create_take_the_defaults_aws_answers_with() {
    // when
    client.createSchedule(aSchedule("hourly").build());
    GetScheduleResponse schedule = client.getSchedule(r -> r.name("hourly"));

    // then
    assertThat(schedule.groupName()).isEqualTo("default");
    assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("UTC");
    assertThat(schedule.state()).isEqualTo(ScheduleState.ENABLED);
    assertThat(schedule.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.NONE);
    assertThat(schedule.target().retryPolicy().maximumRetryAttempts()).isEqualTo(185);
    assertThat(schedule.target().retryPolicy().maximumEventAgeInSeconds()).isEqualTo(86_400);
    assertThat(schedule.description()).isNull();
    assertThat(schedule.startDate()).isNull();
    assertThat(schedule.target().deadLetterConfig()).isNull();
  }

  @Test
  void an_update_replaces_every_member_and_keeps_the_creation_date() {
    // given
    client.createSchedule(aSchedule("hourly").description("every hour").build());
    fixture.time.advanceBy(Duration.ofMinutes(5));

    // when
    String arn =
        client
            .updateSchedule(
                UpdateScheduleRequest.builder()
                    .name("hourly")
                    .scheduleExpression("rate(2 hours)")
                    .state(ScheduleState.DISABLED)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(DLQ_ARN).roleArn(ROLE_ARN))
                    .build())
            .scheduleArn();
    GetScheduleResponse schedule = client.getSchedule(r -> r.name("hourly"));

    // then
    assertThat(arn).endsWith(":schedule/default/hourly");
    assertThat(schedule.scheduleExpression()).isEqualTo("rate(2 hours)");
    assertThat(schedule.state()).isEqualTo(ScheduleState.DISABLED);
    assertThat(schedule.target().arn()).isEqualTo(DLQ_ARN);
    assertThat(schedule.target().input()).isNull();
    assertThat(schedule.description()).isNull();
    assertThat(schedule.creationDate()).isEqualTo(NOW);
    assertThat(schedule.lastModificationDate()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void creating_a_schedule_whose_name_is_taken_in_its_group_is_a_conflict() {
    // given
    client.createSchedule(aSchedule("hourly").build());
    client.createScheduleGroup(r -> r.name("reports"));

    // when / then
    assertThatThrownBy(() -> client.createSchedule(aSchedule("hourly").build()))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Schedule hourly already exists.");
            });
    assertThat(
            client.createSchedule(aSchedule("hourly").groupName("reports").build()).scheduleArn())
        .endsWith(":schedule/reports/hourly");
  }

  @Test
  void a_create_retried_with_its_client_token_answers_as_the_first_did() {
    // given
    String arn =
        client.createSchedule(aSchedule("hourly").clientToken("create-1").build()).scheduleArn();

    // when
    String retried =
        client.createSchedule(aSchedule("hourly").clientToken("create-1").build()).scheduleArn();

    // then
    assertThat(retried).isEqualTo(arn);
    assertThatThrownBy(
            () -> client.createSchedule(aSchedule("hourly").clientToken("create-2").build()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void a_deleted_schedule_is_gone() {
    // given
    client.createSchedule(aSchedule("hourly").build());

    // when
    client.deleteSchedule(r -> r.name("hourly"));

    // then
    assertThatThrownBy(() -> client.getSchedule(r -> r.name("hourly")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void getting_updating_or_deleting_an_unknown_schedule_is_not_found() {
    assertThatThrownBy(() -> client.getSchedule(r -> r.name("missing")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Schedule missing does not exist.");
            });
    assertThatThrownBy(
            () ->
                client.updateSchedule(
                    UpdateScheduleRequest.builder()
                        .name("missing")
                        .scheduleExpression("rate(1 hour)")
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                        .target(t -> t.arn(QUEUE_ARN).roleArn(ROLE_ARN))
                        .build()))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> client.deleteSchedule(r -> r.name("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void a_schedule_created_in_process_is_the_one_the_sdk_sees() {
    // given
    ScheduleRequest request =
        new ScheduleRequest(
            null,
            "rate(5 minutes)",
            null,
            NOW.minus(Duration.ofMinutes(4)),
            null,
            null,
            null,
            new FlexibleTimeWindow(FlexibleTimeWindow.Mode.OFF, null),
            new ScheduleTarget(QUEUE_ARN, ROLE_ARN, "{}", null, null, null),
            null,
            null);

    // when
    fixture.scheduler().schedules().createSchedule("in-process", request);

    // then
    GetScheduleResponse schedule = client.getSchedule(r -> r.name("in-process"));
    assertThat(schedule.scheduleExpression()).isEqualTo("rate(5 minutes)");
    assertThat(schedule.startDate()).isEqualTo(NOW.minus(Duration.ofMinutes(4)));
    assertThat(fixture.scheduler().groups().getScheduleGroup("default").arn())
        .endsWith(":schedule-group/default");
  }
}
