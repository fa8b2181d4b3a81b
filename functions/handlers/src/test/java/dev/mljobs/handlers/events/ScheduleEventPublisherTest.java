package dev.mljobs.handlers.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringOutcome;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleWindow;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScheduleEventPublisherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

  private final List<String> lines = new ArrayList<>();
  private final ScheduleEventPublisher events =
      new ScheduleEventPublisher(lines::add, new SettableClock(T0));
  private final Schedule schedule =
      Schedule.create(
          "s-1", "n", "t-1", "rate(1 hour)", null, ScheduleWindow.unbounded(), null, "alice", T0);

  @Test
  void a_firing_that_made_its_job_is_published_as_schedule_fired() throws Exception {
    UUID job = UUID.randomUUID();
    events.fired(
        schedule,
        new Firing("s-1", T0.plusSeconds(3600), FiringOutcome.JOB_CREATED, job, false, T0));
    JsonNode event = JSON.readTree(lines.get(0));
    assertThat(event.get("source").asText()).isEqualTo("mljobs");
    assertThat(event.get("detail-type").asText()).isEqualTo("Schedule Fired");
    assertThat(event.at("/detail/schedule_id").asText()).isEqualTo("s-1");
    assertThat(event.at("/detail/scheduled_time").asText()).isEqualTo("2027-03-01T11:00:00Z");
    assertThat(event.at("/detail/job_id").asText()).isEqualTo(job.toString());
  }

  @Test
  void a_missed_or_skipped_firing_is_published_with_its_outcome_and_reason() throws Exception {
    events.skipped(
        schedule,
        new Firing("s-1", T0, FiringOutcome.MISSED, null, false, T0),
        "missed: the runtime was down");
    JsonNode event = JSON.readTree(lines.get(0));
    assertThat(event.get("detail-type").asText()).isEqualTo("Schedule Firing Skipped");
    assertThat(event.at("/detail/outcome").asText()).isEqualTo("missed");
    assertThat(event.at("/detail/reason").asText()).contains("down");
    assertThat(event.at("/detail/job_id").isNull()).isTrue();
  }
}
