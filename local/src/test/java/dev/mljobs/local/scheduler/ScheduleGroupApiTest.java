package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

class ScheduleGroupApiTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  private final SchedulerFixture fixture = SchedulerFixture.startingAt(NOW);
  private final SchedulerClient client = fixture.client();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void the_default_group_exists_from_the_start() {
    // when
    GetScheduleGroupResponse group = client.getScheduleGroup(r -> r.name("default"));

    // then
    assertThat(group.arn())
        .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule-group/default");
    assertThat(group.state()).isEqualTo(ScheduleGroupState.ACTIVE);
    assertThat(group.creationDate()).isEqualTo(NOW);
  }

  @Test
  void a_created_group_is_listed_and_takes_schedules() {
    // when
    String arn = client.createScheduleGroup(r -> r.name("reports")).scheduleGroupArn();
    client.createSchedule(aSchedule("weekly").groupName("reports").build());

    // then
    assertThat(arn).endsWith(":schedule-group/reports");
    assertThat(client.listScheduleGroups(r -> r.namePrefix("rep")).scheduleGroups())
        .extracting(ScheduleGroupSummary::name)
        .containsExactly("reports");
    assertThat(client.getSchedule(r -> r.name("weekly").groupName("reports")).groupName())
        .isEqualTo("reports");
    assertThatThrownBy(() -> client.createScheduleGroup(r -> r.name("reports")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Schedule group reports already exists.");
  }

  @Test
  void a_schedule_in_a_group_that_does_not_exist_is_not_found() {
    assertThatThrownBy(() -> client.createSchedule(aSchedule("weekly").groupName("nope").build()))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Schedule group nope does not exist."));
  }

  @Test
  void deleting_a_group_deletes_its_schedules_and_no_other() {
    // given
    client.createScheduleGroup(r -> r.name("reports"));
    client.createSchedule(aSchedule("weekly").groupName("reports").build());
    client.createSchedule(aSchedule("weekly").build());

    // when
    client.deleteScheduleGroup(r -> r.name("reports"));

    // then
    assertThatThrownBy(() -> client.getScheduleGroup(r -> r.name("reports")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> client.getSchedule(r -> r.name("weekly").groupName("reports")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(client.getSchedule(r -> r.name("weekly")).groupName()).isEqualTo("default");
  }

  @Test
  void the_default_group_cannot_be_deleted() {
    assertThatThrownBy(() -> client.deleteScheduleGroup(r -> r.name("default")))
        .isInstanceOf(ValidationException.class);
    assertThat(client.getScheduleGroup(r -> r.name("default")).name()).isEqualTo("default");
  }
}
