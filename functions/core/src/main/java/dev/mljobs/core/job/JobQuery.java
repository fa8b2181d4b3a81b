package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalId;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.range;

import dev.mljobs.core.KeyLimits;

/**
 * Which jobs to list, newest first. Every query is anchored on an owner, a group, a template, a
 * schedule or a status, so that storage can answer it from an index instead of a scan; the other
 * criteria narrow it down.
 *
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
public record JobQuery(
    String owner,
    JobStatus status,
    String jobType,
    String groupId,
    String templateId,
    String scheduleId,
    int limit,
    PageCursor cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public JobQuery {
    optionalText(owner, "owner", KeyLimits.OWNER_CHARS);
    optionalText(jobType, "job_type", 64);
    optionalId(groupId, "group_id");
    optionalId(templateId, "template_id");
    optionalId(scheduleId, "schedule_id");
    range(limit, 1, MAX_LIMIT, "limit");
    if (owner == null
        && status == null
        && groupId == null
        && templateId == null
        && scheduleId == null) {
      throw new IllegalArgumentException(
          "a job query needs an owner, status, group_id, template_id or schedule_id");
    }
  }

  public static JobQuery byOwner(String owner) {
    return new JobQuery(owner, null, null, null, null, null, DEFAULT_LIMIT, null);
  }

  public static JobQuery byStatus(JobStatus status) {
    return new JobQuery(null, status, null, null, null, null, DEFAULT_LIMIT, null);
  }

  public static JobQuery byGroup(String groupId) {
    return new JobQuery(null, null, null, groupId, null, null, DEFAULT_LIMIT, null);
  }

  public static JobQuery byTemplate(String templateId) {
    return new JobQuery(null, null, null, null, templateId, null, DEFAULT_LIMIT, null);
  }

  public static JobQuery bySchedule(String scheduleId) {
    return new JobQuery(null, null, null, null, null, scheduleId, DEFAULT_LIMIT, null);
  }

  public JobQuery withOwner(String value) {
    return new JobQuery(value, status, jobType, groupId, templateId, scheduleId, limit, cursor);
  }

  public JobQuery withStatus(JobStatus value) {
    return new JobQuery(owner, value, jobType, groupId, templateId, scheduleId, limit, cursor);
  }

  public JobQuery withJobType(String value) {
    return new JobQuery(owner, status, value, groupId, templateId, scheduleId, limit, cursor);
  }

  public JobQuery withLimit(int value) {
    return new JobQuery(owner, status, jobType, groupId, templateId, scheduleId, value, cursor);
  }

  public JobQuery after(PageCursor value) {
    return new JobQuery(owner, status, jobType, groupId, templateId, scheduleId, limit, value);
  }

  /** Whether {@code job} meets every criterion of this query (the cursor aside). */
  public boolean matches(Job job) {
    return (owner == null || owner.equals(job.owner()))
        && (status == null || status == job.status())
        && (jobType == null || jobType.equals(job.jobType()))
        && (groupId == null || groupId.equals(job.groupId()))
        && (templateId == null || templateId.equals(job.templateId()))
        && (scheduleId == null || scheduleId.equals(job.scheduleId()));
  }
}
