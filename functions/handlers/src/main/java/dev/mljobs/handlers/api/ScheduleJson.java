package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Schedules and their firings as the API shows them. Fire times ({@code next_trigger_at}, {@code
 * next_triggers}, {@code last_triggered_at}, a firing's {@code scheduled_time}) are written with
 * the offset of the schedule's zone, e.g. {@code 2027-03-29T02:30:00+02:00}, so that a reader sees
 * the local time it fires at; bookkeeping times are UTC like the jobs'.
 */
final class ScheduleJson {

  /** How many fire times {@code next_triggers} lists. */
  static final int NEXT_TRIGGERS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleJson() {}

  /**
   * @param counts the jobs by status, or {@code null} to leave {@code job_counts} out (listings)
   */
  static ObjectNode schedule(Schedule s, Instant now, Map<JobStatus, Integer> counts) {
    ZoneId zone = s.timezone().zoneId();
    ObjectNode o = JSON.createObjectNode();
    o.put("schedule_id", s.scheduleId());
    o.put("name", s.name());
    o.put("template_id", s.templateId());
    o.put("expression", s.expression().expression());
    o.put("timezone", s.timezone().id());
    o.put("state", s.enabled() ? "enabled" : "disabled");
    o.set("param_overrides", s.paramOverrides());
    o.put("start_at", JobJson.time(s.window().startDate().orElse(null)));
    o.put("end_at", JobJson.time(s.window().endDate().orElse(null)));
    o.put("description", s.description());
    o.put("overlap_policy", s.overlapPolicy().wireName());
    o.put("catchup_policy", s.catchUp().policy().wireName());
    o.put("catchup_max", s.catchUp().max());
    o.put("note", s.note());
    o.put("last_triggered_at", local(s.lastTriggeredAt(), zone));
    o.put("next_trigger_at", local(s.nextTriggerAt(), zone));
    s.nextTriggers(now, NEXT_TRIGGERS)
        .forEach(t -> o.withArray("next_triggers").add(local(t, zone)));
    o.withArray("next_triggers");
    o.put("created_at", JobJson.time(s.createdAt()));
    o.put("updated_at", JobJson.time(s.updatedAt()));
    o.put("version", s.version());
    if (counts != null) {
      ObjectNode c = o.putObject("job_counts");
      for (JobStatus status : JobStatus.values()) {
        c.put(status.wireName(), counts.getOrDefault(status, 0));
      }
    }
    return o;
  }

  static ObjectNode firing(Firing f, ZoneId zone) {
    ObjectNode o = JSON.createObjectNode();
    o.put("scheduled_time", local(f.scheduledTime(), zone));
    o.put("outcome", f.outcome().wireName());
    o.put("job_id", f.jobId() == null ? null : f.jobId().toString());
    o.put("manual", f.manual());
    o.put("recorded_at", JobJson.time(f.recordedAt()));
    return o;
  }

  /** ISO-8601 with the zone's offset at that instant, whole seconds unless it has a fraction. */
  static String local(Instant instant, ZoneId zone) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
  }
}
