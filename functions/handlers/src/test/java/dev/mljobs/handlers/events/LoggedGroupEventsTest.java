package dev.mljobs.handlers.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.testkit.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoggedGroupEventsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void a_group_status_change_is_one_json_line_shaped_as_eventbridge_delivers_it() throws Exception {
    // given
    UUID member = UUID.randomUUID();
    JobGroup group =
        JobGroup.create(
                UUID.randomUUID().toString(),
                "nightly",
                GroupMode.SEQUENTIAL,
                false,
                List.of(member, UUID.randomUUID()),
                "alice",
                T0)
            .observe(member, JobStatus.RUNNING, 3, T0.plusSeconds(1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // when
    new LoggedGroupEvents(new PrintStream(out, true, StandardCharsets.UTF_8), new SettableClock(T0))
        .statusChanged(group);
    // then
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines[0]);
    assertThat(event.get("source").asText()).isEqualTo("mljobs");
    assertThat(event.get("detail-type").asText()).isEqualTo("Group Status Changed");
    JsonNode detail = event.get("detail");
    assertThat(detail.get("group_id").asText()).isEqualTo(group.groupId());
    assertThat(detail.get("status").asText()).isEqualTo("running");
    assertThat(detail.get("owner").asText()).isEqualTo("alice");
    assertThat(detail.at("/counts/running").asInt()).isEqualTo(1);
    assertThat(detail.at("/counts/pending").asInt()).isEqualTo(1);
    assertThat(detail.get("started_at").asText()).isEqualTo(T0.plusSeconds(1).toString());
  }
}
