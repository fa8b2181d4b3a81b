package dev.mljobs.core.schedule;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a schedule's ledger: a nominal fire time and what became of it. There is at most one
 * entry per schedule and fire time, whatever redelivers or retries it.
 *
 * @param scheduledTime the fire time, as the Scheduler names it ({@code
 *     <aws.scheduler.scheduled-time>}), or the moment of a manual trigger
 * @param jobId the job made for it (a skipped one for {@link FiringOutcome#SKIPPED_OVERLAP})
 * @param manual whether it came from {@code POST /v1/schedules/{id}/trigger} or a backfill rather
 *     than the expression
 */
public record Firing(
    String scheduleId,
    Instant scheduledTime,
    FiringOutcome outcome,
    UUID jobId,
    boolean manual,
    Instant recordedAt) {

  public Firing {
    id(scheduleId, "schedule_id");
    present(scheduledTime, "scheduled_time");
    present(outcome, "outcome");
    present(recordedAt, "recorded_at");
    if (outcome.makesJob() != (jobId != null)) {
      throw new IllegalArgumentException("job_id is set exactly when the outcome has a job");
    }
  }

  /** The key that makes one job of one firing: the schedule id plus the scheduled time. */
  public static String idempotencyKey(String scheduleId, Instant scheduledTime) {
    return "schedule:" + scheduleId + ":" + scheduledTime;
  }
}
