package dev.mljobs.core.schedule;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.template.JobTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a template on a schedule expression in a time zone. {@code next_trigger_at} is always
 * derived from the expression, the zone, the window and the last trigger, never set by hand; it is
 * {@code null} while disabled and once the schedule has no fire left.
 *
 * @param paramOverrides merged into the template's default params for each job
 * @param overlapPolicy what a firing does while the previous job has not ended
 * @param catchUp what becomes of fire times it missed
 * @param note why the schedule was last disabled (and by whom), or {@code null}
 * @param version the stored version this value was read at (0 before it is first stored)
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
    String description,
    OverlapPolicy overlapPolicy,
    CatchUp catchUp,
    String note,
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
    optionalText(description, "description", 2000);
    present(overlapPolicy, "overlap_policy");
    present(catchUp, "catchup_policy");
    optionalText(note, "note", 2000);
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
        null,
        OverlapPolicy.ALLOW,
        CatchUp.SKIP,
        null,
        owner,
        now,
        now,
        null,
        next(parsed, zone, effective, now),
        0);
  }

  /** Stops triggering; the schedule is kept, with {@code why} (who paused it and why) as note. */
  public Schedule disable(String why, Instant now) {
    return with(false, now, lastTriggeredAt, null).withNote(why);
  }

  /** Stops triggering; the schedule is kept. */
  public Schedule disable(Instant now) {
    return disable(note, now);
  }

  /** Triggers again from now on: fires missed while disabled are not made up. */
  public Schedule enable(Instant now) {
    return with(true, now, lastTriggeredAt, next(expression, timezone, window, now));
  }

  /**
   * Records that the schedule fired at {@code firedAt} and moves to the first fire after both
   * {@code firedAt} and now (a late delivery or a manual trigger never moves it backwards).
   *
   * @throws IllegalStateException when the schedule is disabled
   */
  public Schedule recordTrigger(Instant firedAt, Instant now) {
    if (!enabled) {
      throw new IllegalStateException("schedule " + scheduleId + " is disabled and cannot fire");
    }
    Instant last =
        lastTriggeredAt != null && lastTriggeredAt.isAfter(firedAt) ? lastTriggeredAt : firedAt;
    Instant after = firedAt.isAfter(now) ? firedAt : now;
    return with(true, now, last, next(expression, timezone, window, after));
  }

  /**
   * The same schedule with new settings; the fire times are computed again from now.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public Schedule change(
      String newName,
      String newTemplateId,
      ScheduleExpression newExpression,
      ScheduleTimeZone newZone,
      ScheduleWindow newWindow,
      ObjectNode newOverrides,
      String newDescription,
      OverlapPolicy newOverlap,
      CatchUp newCatchUp,
      Instant now) {
    ScheduleWindow effective = newWindow.startingAtCreationIfUnset(createdAt);
    return new Schedule(
        scheduleId,
        newName,
        newTemplateId,
        newExpression,
        newZone,
        effective,
        enabled,
        newOverrides,
        newDescription,
        newOverlap,
        newCatchUp,
        note,
        owner,
        createdAt,
        now,
        lastTriggeredAt,
        enabled ? next(newExpression, newZone, effective, now) : null,
        version);
  }

  /**
   * Moves past fire times that made no job (missed ones): the next fire is the first after {@code
   * now}; {@code last_triggered_at} stays.
   */
  public Schedule advance(Instant now) {
    return with(
        enabled, now, lastTriggeredAt, enabled ? next(expression, timezone, window, now) : null);
  }

  /** The next {@code count} fire times after {@code now} (none while disabled). */
  public List<Instant> nextTriggers(Instant now, int count) {
    if (!enabled) {
      return List.of();
    }
    return expression.nextFires(now, timezone.zoneId(), window, count);
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

  /** This value as stored at {@code storedVersion}. */
  public Schedule atVersion(long storedVersion) {
    return new Schedule(
        scheduleId,
        name,
        templateId,
        expression,
        timezone,
        window,
        enabled,
        paramOverrides,
        description,
        overlapPolicy,
        catchUp,
        note,
        owner,
        createdAt,
        updatedAt,
        lastTriggeredAt,
        nextTriggerAt,
        storedVersion);
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

  private Schedule withNote(String newNote) {
    return new Schedule(
        scheduleId,
        name,
        templateId,
        expression,
        timezone,
        window,
        enabled,
        paramOverrides,
        description,
        overlapPolicy,
        catchUp,
        newNote,
        owner,
        createdAt,
        updatedAt,
        lastTriggeredAt,
        nextTriggerAt,
        version);
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
        description,
        overlapPolicy,
        catchUp,
        note,
        owner,
        createdAt,
        now,
        last,
        next,
        version);
  }
}
