package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.resourceName;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A schedule group. Groups are deleted at once with their schedules, so a group is always {@code
 * ACTIVE}.
 */
public record ScheduleGroup(
    @JsonProperty("Name") String name,
    @JsonProperty("CreationDate") Instant creationDate,
    @JsonProperty("LastModificationDate") Instant lastModificationDate) {

  /** The group every account has, which schedules without a group belong to. */
  public static final String DEFAULT = "default";

  /** Checks the name and dates. */
  public ScheduleGroup {
    resourceName(required(name, "name"), "name");
    creationDate = SchedulerJson.millis(required(creationDate, "creationDate"));
    lastModificationDate =
        SchedulerJson.millis(required(lastModificationDate, "lastModificationDate"));
  }

  /** The group's ARN. */
  @JsonProperty("Arn")
  public String arn() {
    return Arn.scheduleGroup(name);
  }

  /** Always {@code ACTIVE}: deletion is immediate here. */
  @JsonProperty("State")
  public String state() {
    return "ACTIVE";
  }
}
