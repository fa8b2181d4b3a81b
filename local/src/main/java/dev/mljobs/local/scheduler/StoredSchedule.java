package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.length;
import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.resourceName;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mljobs.core.schedule.AtExpression;
import dev.mljobs.core.schedule.InvalidScheduleExpressionException;
import dev.mljobs.core.schedule.ScheduleExpression;
import dev.mljobs.core.schedule.ScheduleTimeZone;
import dev.mljobs.core.schedule.ScheduleWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A schedule as the emulator keeps it and {@code GetSchedule} returns it. The constructor checks
 * what AWS checks beyond the model's constraints: the expression (with core's parser, AWS's rules),
 * the IANA time zone, and that the end date comes after the start date.
 *
 * @param startDate the first instant a recurring schedule may fire at, or null
 * @param endDate the last instant a recurring schedule may fire at, or null
 * @param description null when none
 */
public record StoredSchedule(
    @JsonProperty("Name") String name,
    @JsonProperty("GroupName") String groupName,
    @JsonProperty("ScheduleExpression") String scheduleExpression,
    @JsonProperty("ScheduleExpressionTimezone") String scheduleExpressionTimezone,
    @JsonProperty("StartDate") Instant startDate,
    @JsonProperty("EndDate") Instant endDate,
    @JsonProperty("State") ScheduleState state,
    @JsonProperty("Description") String description,
    @JsonProperty("FlexibleTimeWindow") FlexibleTimeWindow flexibleTimeWindow,
    @JsonProperty("Target") ScheduleTarget target,
    @JsonProperty("ActionAfterCompletion") ActionAfterCompletion actionAfterCompletion,
    @JsonProperty("CreationDate") Instant creationDate,
    @JsonProperty("LastModificationDate") Instant lastModificationDate) {

  /**
   * Checks every member.
   *
   * @throws SchedulerException a ValidationException naming what is wrong
   */
  public StoredSchedule {
    resourceName(required(name, "name"), "name");
    resourceName(required(groupName, "groupName"), "groupName");
    parse(required(scheduleExpression, "scheduleExpression"));
    zone(required(scheduleExpressionTimezone, "scheduleExpressionTimezone"));
    startDate = SchedulerJson.millis(startDate);
    endDate = SchedulerJson.millis(endDate);
    if (startDate != null && endDate != null && !endDate.isAfter(startDate)) {
      throw SchedulerException.validation(
          "The EndDate " + endDate + " must be after the StartDate " + startDate + ".");
    }
    required(state, "state");
    length(description, "description", 0, 512);
    required(flexibleTimeWindow, "flexibleTimeWindow");
    required(target, "target");
    required(actionAfterCompletion, "actionAfterCompletion");
    creationDate = SchedulerJson.millis(required(creationDate, "creationDate"));
    lastModificationDate =
        SchedulerJson.millis(required(lastModificationDate, "lastModificationDate"));
  }

  /**
   * The schedule a create or update request describes.
   *
   * @param creationDate when the schedule was first created
   * @param now when this request is handled
   * @throws SchedulerException a ValidationException naming what is wrong
   */
  static StoredSchedule of(
      String name, ScheduleRequest request, Instant creationDate, Instant now) {
    return new StoredSchedule(
        name,
        request.groupName(),
        request.scheduleExpression(),
        request.scheduleExpressionTimezone(),
        request.startDate(),
        request.endDate(),
        request.state(),
        request.description(),
        request.flexibleTimeWindow(),
        request.target(),
        request.actionAfterCompletion(),
        creationDate,
        now);
  }

  /** The schedule's ARN. */
  @JsonProperty("Arn")
  public String arn() {
    return Arn.schedule(groupName, name);
  }

  /** The group and name that identify the schedule. */
  public ScheduleKey key() {
    return new ScheduleKey(groupName, name);
  }

  /** The parsed expression. */
  public ScheduleExpression expression() {
    return parse(scheduleExpression);
  }

  /** The zone the expression is evaluated in. */
  public ZoneId zone() {
    return zone(scheduleExpressionTimezone);
  }

  /** The start and end dates; a rate schedule without a start counts from its creation. */
  public ScheduleWindow window() {
    return new ScheduleWindow(Optional.ofNullable(startDate), Optional.ofNullable(endDate))
        .startingAtCreationIfUnset(creationDate);
  }

  /** The fire time of a one-time {@code at()} schedule; empty for recurring ones. */
  public Optional<Instant> oneTimeFire() {
    return expression() instanceof AtExpression at
        ? Optional.of(at.fireTime(zone()))
        : Optional.empty();
  }

  /** What {@code ListSchedules} shows of this schedule. */
  public ScheduleSummary summary() {
    return new ScheduleSummary(
        arn(),
        name,
        groupName,
        state,
        creationDate,
        lastModificationDate,
        new ScheduleSummary.TargetSummary(target.arn()));
  }

  private static ScheduleExpression parse(String expression) {
    try {
      return ScheduleExpression.parse(expression);
    } catch (InvalidScheduleExpressionException e) {
      throw SchedulerException.validation(e.getMessage());
    }
  }

  private static ZoneId zone(String id) {
    try {
      return new ScheduleTimeZone(id).zoneId();
    } catch (IllegalArgumentException e) {
      throw SchedulerException.validation(e.getMessage());
    }
  }
}
