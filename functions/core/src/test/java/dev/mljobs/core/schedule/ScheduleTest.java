package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.JobTemplate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static Schedule nightly(String expression, String zone) {
    return Schedule.create(
        "nightly",
        "Nightly embeddings",
        "embed",
        expression,
        zone,
        ScheduleWindow.unbounded(),
        JsonNodeFactory.instance.objectNode().put("batch_size", 8),
        "alice",
        T0);
  }

  private static JobTemplate template(String id) {
    ObjectNode defaults =
        JsonNodeFactory.instance.objectNode().put("model_id", "minilm").put("batch_size", 32);
    return JobTemplate.create(id, "Embed", "inference", defaults, null, "alice", T0);
  }

  @Test
  void the_next_trigger_is_computed_in_the_schedules_time_zone() {
    // 02:30 in Berlin is 01:30 UTC in winter
    Schedule schedule = nightly("cron(30 2 * * ? *)", "Europe/Berlin");
    assertThat(schedule.enabled()).isTrue();
    assertThat(schedule.nextTriggerAt()).isEqualTo(Instant.parse("2026-03-01T01:30:00Z"));
  }

  @Test
  void triggering_moves_to_the_following_fire_across_a_dst_change() {
    // given: Berlin springs forward on 2026-03-29 at 02:00 -> 03:00, so 02:30 does not exist
    Schedule schedule = nightly("cron(30 2 * * ? *)", "Europe/Berlin");
    Instant march28 = Instant.parse("2026-03-28T01:30:00Z");
    // when
    Schedule next = schedule.recordTrigger(march28, march28.plusSeconds(1));
    // then: the 29th is skipped, the 30th is at 02:30 CEST = 00:30 UTC
    assertThat(next.lastTriggeredAt()).isEqualTo(march28);
    assertThat(next.nextTriggerAt()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }

  @Test
  void a_rate_schedule_counts_from_its_creation() {
    Schedule schedule = nightly("rate(5 minutes)", null);
    assertThat(schedule.timezone()).isEqualTo(ScheduleTimeZone.UTC);
    assertThat(schedule.nextTriggerAt()).isEqualTo(T0.plusSeconds(300));
  }

  @Test
  void a_one_time_schedule_is_exhausted_after_it_fired() {
    Schedule once = nightly("at(2026-03-02T09:00:00)", "America/New_York");
    Instant fire = Instant.parse("2026-03-02T14:00:00Z");
    assertThat(once.nextTriggerAt()).isEqualTo(fire);
    Schedule fired = once.recordTrigger(fire, fire);
    assertThat(fired.nextTriggerAt()).isNull();
    assertThat(fired.isExhausted()).isTrue();
  }

  @Test
  void a_disabled_schedule_has_no_next_trigger_and_cannot_fire() {
    Schedule off = nightly("rate(1 hour)", null).disable(T0.plusSeconds(10));
    assertThat(off.enabled()).isFalse();
    assertThat(off.nextTriggerAt()).isNull();
    assertThat(off.isExhausted()).isFalse();
    assertThatThrownBy(() -> off.recordTrigger(T0.plusSeconds(3600), T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("disabled");
  }

  @Test
  void enabling_again_does_not_make_up_missed_fires() {
    Schedule off = nightly("cron(0 * * * ? *)", "UTC").disable(T0);
    Instant later = Instant.parse("2026-03-05T10:15:00Z");
    assertThat(off.enable(later).nextTriggerAt()).isEqualTo(Instant.parse("2026-03-05T11:00:00Z"));
  }

  @Test
  void bad_expressions_and_zones_are_refused_naming_what_is_wrong() {
    assertThatThrownBy(() -> nightly("cron(0 10 * * * *)", "UTC"))
        .isInstanceOf(InvalidScheduleExpressionException.class)
        .hasMessageContaining("Invalid Schedule Expression cron(0 10 * * * *)");
    assertThatThrownBy(() -> nightly("rate(1 hour)", "Mars/Olympus"))
        .hasMessageContaining("timezone");
    assertThatThrownBy(
            () ->
                Schedule.create(
                    "s 1",
                    "n",
                    "t",
                    "rate(1 hour)",
                    null,
                    ScheduleWindow.unbounded(),
                    null,
                    "a",
                    T0))
        .hasMessageStartingWith("schedule_id must be");
  }

  @Test
  void each_fire_asks_for_a_job_of_the_template_with_the_overrides() {
    NewJob request = nightly("rate(1 hour)", null).jobRequest(template("embed"));
    assertThat(request.jobType()).isEqualTo("inference");
    assertThat(request.templateId()).isEqualTo("embed");
    assertThat(request.scheduleId()).isEqualTo("nightly");
    assertThat(request.owner()).isEqualTo("alice");
    assertThat(request.params().get("batch_size").asInt()).isEqualTo(8);
    assertThat(request.params().get("model_id").asText()).isEqualTo("minilm");
  }

  @Test
  void a_schedule_cannot_fire_another_or_an_archived_template() {
    Schedule schedule = nightly("rate(1 hour)", null);
    assertThatThrownBy(() -> schedule.jobRequest(template("other")))
        .hasMessageContaining("uses template embed, not other");
    assertThatThrownBy(() -> schedule.jobRequest(template("embed").archive(T0)))
        .isInstanceOf(ArchivedTemplateException.class);
  }
}
