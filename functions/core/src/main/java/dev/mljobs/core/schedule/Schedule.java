package dev.mljobs.core.schedule;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.template.JobTemplate;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a template on a schedule expression in a time zone. {@code next_trigger_at} is always
 * derived from the expression, the zone, the window and the last trigger, never set by hand; it is
 * {@code null} while disabled and once the schedule has no fire left.
 *
 * @param paramOverrides merged into the template's default params for each job
 */
public record Schedule(
    String scheduleId,
    String name,
    String templateId,
    ScheduleExpression expression,
    ScheduleTimeZone timezone,
    ScheduleWindow window,
    boolean enabled,
    ObjectNode paramOverrides,
    String owner,
    Instant createdAt,
    Instant updatedAt,
    Instant lastTriggeredAt,
    Instant nextTriggerAt,
    long version) {

  public Schedule {
    id(scheduleId, "schedule_id");
    text(name, "name", 200);
    id(templateId, "template_id");
    present(expression, "expression");
    present(timezone, "timezone");
    present(window, "window");
    paramOverrides =
        paramOverrides == null ? JsonNodeFactory.instance.objectNode() : paramOverrides.deepCopy();
    text(owner, "owner", 256);
    present(createdAt, "created_at");
    present(updatedAt, "updated_at");
    if (!enabled && nextTriggerAt != null) {
      throw new IllegalArgumentException("a disabled schedule has no next_trigger_at");
    }
  }

  /**
   * A new, enabled schedule.
   *
   * @param expression e.g. {@code cron(0 2 * * ? *)}, as EventBridge Scheduler writes it
   * @param timezone an IANA zone id, e.g. {@code Europe/Berlin}
   * @throws IllegalArgumentException (an {@link InvalidScheduleExpressionException} for the
   *     expression) naming the field that is wrong
   */
  public static Schedule create(
      String scheduleId,
      String name,
      String templateId,
      String expression,
      String timezone,
      ScheduleWindow window,
      ObjectNode paramOverrides,
      String owner,
      Instant now) {
    ScheduleExpression parsed = ScheduleExpression.parse(expression);
    ScheduleTimeZone zone =
        timezone == null ? ScheduleTimeZone.UTC : new ScheduleTimeZone(timezone);
    ScheduleWindow effective = window.startingAtCreationIfUnset(now);
    return new Schedule(
        scheduleId,
        name,
        templateId,
        parsed,
        zone,
        effective,
        true,
        paramOverrides,
        owner,
        now,
        now,
        null,
        next(parsed, zone, effective, now),
        0);
  }

  /** Stops triggering; the schedule is kept. */
  public Schedule disable(Instant now) {
    return with(false, now, lastTriggeredAt, null);
  }

  /** Triggers again from now on: fires missed while disabled are not made up. */
  public Schedule enable(Instant now) {
    return with(true, now, lastTriggeredAt, next(expression, timezone, window, now));
  }

  /**
   * Records that the schedule fired at {@code firedAt} and moves to the following fire.
   *
   * @throws IllegalStateException when the schedule is disabled
   */
  public Schedule recordTrigger(Instant firedAt, Instant now) {
    if (!enabled) {
      throw new IllegalStateException("schedule " + scheduleId + " is disabled and cannot fire");
    }
    return with(true, now, firedAt, next(expression, timezone, window, firedAt));
  }

  /** Enabled but with no fire left: a one-time schedule that fired, or past its end date. */
  public boolean isExhausted() {
    return enabled && nextTriggerAt == null;
  }

  /**
   * The request for the job this schedule creates each time it fires.
   *
   * @throws IllegalArgumentException when {@code template} is not this schedule's template
   * @throws dev.mljobs.core.template.ArchivedTemplateException when the template is archived
   */
  public NewJob jobRequest(JobTemplate template) {
    if (!template.templateId().equals(templateId)) {
      throw new IllegalArgumentException(
          "schedule "
              + scheduleId
              + " uses template "
              + templateId
              + ", not "
              + template.templateId());
    }
    return template.newJob(paramOverrides, owner).withScheduleId(scheduleId);
  }

  @Override
  public ObjectNode paramOverrides() {
    return paramOverrides.deepCopy();
  }

  private static Instant next(
      ScheduleExpression expression, ScheduleTimeZone zone, ScheduleWindow window, Instant after) {
    Optional<Instant> fire = expression.nextFireAfter(after, zone.zoneId(), window);
    return fire.orElse(null);
  }

  private Schedule with(boolean on, Instant now, Instant last, Instant next) {
    return new Schedule(
        scheduleId,
        name,
        templateId,
        expression,
        timezone,
        window,
        on,
        paramOverrides,
        owner,
        createdAt,
        now,
        last,
        next,
        version);
  }
}
