package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.idempotencyToken;
import static dev.mljobs.local.scheduler.Constraints.length;
import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.resourceName;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The body of {@code CreateSchedule} and {@code UpdateSchedule}; the name travels in the path.
 * Optional members are null when absent and take AWS's defaults here, as an update resets every
 * member it does not send.
 *
 * @param groupName the schedule's group; {@code default} when absent
 * @param scheduleExpression {@code at(...)}, {@code rate(...)} or {@code cron(...)}
 * @param scheduleExpressionTimezone an IANA zone; {@code UTC} when absent
 * @param startDate the first instant a recurring schedule may fire at, or null
 * @param endDate the last instant a recurring schedule may fire at, or null
 * @param state ENABLED when absent
 * @param description up to 512 characters, or null
 * @param flexibleTimeWindow required
 * @param target required
 * @param actionAfterCompletion NONE when absent
 * @param clientToken the idempotency token of a create, or null
 */
public record ScheduleRequest(
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
    @JsonProperty("ClientToken") String clientToken) {

  /** Checks the members as the service model does and fills in AWS's defaults. */
  public ScheduleRequest {
    groupName = resourceName(groupName == null ? ScheduleGroup.DEFAULT : groupName, "groupName");
    length(required(scheduleExpression, "scheduleExpression"), "scheduleExpression", 1, 256);
    scheduleExpressionTimezone =
        length(
            scheduleExpressionTimezone == null ? "UTC" : scheduleExpressionTimezone,
            "scheduleExpressionTimezone",
            1,
            50);
    state = state == null ? ScheduleState.ENABLED : state;
    length(description, "description", 0, 512);
    required(flexibleTimeWindow, "flexibleTimeWindow");
    required(target, "target");
    actionAfterCompletion =
        actionAfterCompletion == null ? ActionAfterCompletion.NONE : actionAfterCompletion;
    idempotencyToken(clientToken, "clientToken");
  }
}
