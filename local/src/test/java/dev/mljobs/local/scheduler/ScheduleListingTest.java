package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

class ScheduleListingTest {

  private final SchedulerFixture fixture =
      SchedulerFixture.startingAt(Instant.parse("2026-05-04T10:00:00Z"));
  private final SchedulerClient client = fixture.client();

  @BeforeEach
  void fiveSchedulesInTwoGroups() {
    client.createScheduleGroup(r -> r.name("reports"));
    client.createSchedule(aSchedule("train-daily").build());
    client.createSchedule(aSchedule("train-weekly").state(ScheduleState.DISABLED).build());
    client.createSchedule(aSchedule("export").build());
    client.createSchedule(aSchedule("train-daily").groupName("reports").build());
    client.createSchedule(aSchedule("summary").groupName("reports").build());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void every_schedule_is_listed_by_group_then_name_with_its_summary() {
    // when
    List<ScheduleSummary> schedules =
        client.listSchedules(ListSchedulesRequest.builder().build()).schedules();

    // then
    assertThat(schedules)
        .extracting(s -> s.groupName() + "/" + s.name())
        .containsExactly(
            "default/export",
            "default/train-daily",
            "default/train-weekly",
            "reports/summary",
            "reports/train-daily");
    ScheduleSummary first = schedules.get(0);
    assertThat(first.arn()).endsWith(":schedule/default/export");
    assertThat(first.state()).isEqualTo(ScheduleState.ENABLED);
    assertThat(first.target().arn()).isEqualTo(SchedulerFixture.QUEUE_ARN);
    assertThat(first.creationDate()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
  }

  @Test
  void name_prefix_state_and_group_filter_the_list() {
    assertThat(names(ListSchedulesRequest.builder().namePrefix("train-").build()))
        .containsExactly("default/train-daily", "default/train-weekly", "reports/train-daily");
    assertThat(names(ListSchedulesRequest.builder().state(ScheduleState.DISABLED).build()))
        .containsExactly("default/train-weekly");
    assertThat(names(ListSchedulesRequest.builder().groupName("reports").build()))
        .containsExactly("reports/summary", "reports/train-daily");
    assertThat(
            names(
                ListSchedulesRequest.builder()
                    .groupName("default")
                    .namePrefix("train")
                    .state(ScheduleState.ENABLED)
                    .build()))
        .containsExactly("default/train-daily");
  }

  @Test
  void pages_of_max_results_follow_each_other_through_next_token() {
    // when
    ListSchedulesResponse first = client.listSchedules(r -> r.maxResults(2));
    ListSchedulesResponse second =
        client.listSchedules(r -> r.maxResults(2).nextToken(first.nextToken()));
    ListSchedulesResponse last =
        client.listSchedules(r -> r.maxResults(2).nextToken(second.nextToken()));

    // then
    assertThat(first.schedules())
        .extracting(ScheduleSummary::name)
        .containsExactly("export", "train-daily");
    assertThat(second.schedules())
        .extracting(ScheduleSummary::name)
        .containsExactly("train-weekly", "summary");
    assertThat(last.schedules()).extracting(ScheduleSummary::name).containsExactly("train-daily");
    assertThat(last.nextToken()).isNull();
  }

  @Test
  void a_schedule_deleted_between_two_pages_makes_the_next_page_skip_nothing() {
    // given
    ListSchedulesResponse first = client.listSchedules(r -> r.maxResults(2));

    // when
    client.deleteSchedule(r -> r.name("export"));
    ListSchedulesResponse second =
        client.listSchedules(r -> r.maxResults(2).nextToken(first.nextToken()));

    // then
    assertThat(second.schedules())
        .extracting(ScheduleSummary::name)
        .containsExactly("train-weekly", "summary");
  }

  @Test
  void the_sdk_paginator_walks_every_page() {
    assertThat(client.listSchedulesPaginator(r -> r.maxResults(1)).schedules())
        .extracting(ScheduleSummary::name)
        .hasSize(5);
  }

  @Test
  void a_page_size_past_a_hundred_or_an_unknown_group_is_refused() {
    assertThatThrownBy(() -> client.listSchedules(r -> r.maxResults(101)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Member must have value between 1 and 100");
    assertThatThrownBy(() -> client.listSchedules(r -> r.groupName("nope")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Schedule group nope does not exist.");
  }

  private List<String> names(ListSchedulesRequest request) {
    return client.listSchedules(request).schedules().stream()
        .map(s -> s.groupName() + "/" + s.name())
        .toList();
  }
}
