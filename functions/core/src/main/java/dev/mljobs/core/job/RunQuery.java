package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalId;
import static dev.mljobs.core.Require.range;
import static dev.mljobs.core.Require.text;

import dev.mljobs.core.ListCursor;

/**
 * Which of an owner's runs to list, newest first (by finished_at, then run_id): across jobs,
 * narrowed by template, schedule, group and status.
 *
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
public record RunQuery(
    String owner,
    String templateId,
    String scheduleId,
    String groupId,
    RunStatus status,
    int limit,
    ListCursor cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public RunQuery {
    text(owner, "owner", 256);
    optionalId(templateId, "template_id");
    optionalId(scheduleId, "schedule_id");
    optionalId(groupId, "group_id");
    range(limit, 1, MAX_LIMIT, "limit");
  }

  public static RunQuery byOwner(String owner) {
    return new RunQuery(owner, null, null, null, null, DEFAULT_LIMIT, null);
  }

  public RunQuery withTemplate(String value) {
    return new RunQuery(owner, value, scheduleId, groupId, status, limit, cursor);
  }

  public RunQuery withSchedule(String value) {
    return new RunQuery(owner, templateId, value, groupId, status, limit, cursor);
  }

  public RunQuery withGroup(String value) {
    return new RunQuery(owner, templateId, scheduleId, value, status, limit, cursor);
  }

  public RunQuery withStatus(RunStatus value) {
    return new RunQuery(owner, templateId, scheduleId, groupId, value, limit, cursor);
  }

  public RunQuery withLimit(int value) {
    return new RunQuery(owner, templateId, scheduleId, groupId, status, value, cursor);
  }

  public RunQuery after(ListCursor value) {
    return new RunQuery(owner, templateId, scheduleId, groupId, status, limit, value);
  }

  /** The position just after {@code run} in a listing. */
  public static ListCursor cursorAfter(JobRun run) {
    return new ListCursor(run.finishedAt(), run.runId());
  }

  /** Whether {@code run} meets every criterion of this query (the cursor aside). */
  public boolean matches(JobRun run) {
    return owner.equals(run.owner())
        && (templateId == null || templateId.equals(run.templateId()))
        && (scheduleId == null || scheduleId.equals(run.scheduleId()))
        && (groupId == null || groupId.equals(run.groupId()))
        && (status == null || status == run.status());
  }
}
