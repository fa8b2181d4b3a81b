package dev.mljobs.local.scheduler;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One schedule as {@code ListSchedules} shows it.
 *
 * @param target only the target's ARN
 */
public record ScheduleSummary(
    @JsonProperty("Arn") String arn,
    @JsonProperty("Name") String name,
    @JsonProperty("GroupName") String groupName,
    @JsonProperty("State") ScheduleState state,
    @JsonProperty("CreationDate") Instant creationDate,
    @JsonProperty("LastModificationDate") Instant lastModificationDate,
    @JsonProperty("Target") TargetSummary target) {

  /**
   * A target as a summary shows it.
   *
   * @param arn the target's ARN
   */
  public record TargetSummary(@JsonProperty("Arn") String arn) {}
}
