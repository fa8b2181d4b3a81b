package dev.mljobs.core.template;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Json;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.NewJob;
import java.time.Instant;

/**
 * A reusable recipe for jobs: a job type and default parameters. Active until archived; an archived
 * template keeps existing (jobs and schedules refer to it) but creates no more jobs.
 */
public record JobTemplate(
    String templateId,
    String name,
    String jobType,
    ObjectNode defaultParams,
    String description,
    JobDefaults defaults,
    TemplateStatus status,
    String owner,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public JobTemplate {
    id(templateId, "template_id");
    text(name, "name", 200);
    Job.requireJobType(jobType);
    defaultParams =
        defaultParams == null ? JsonNodeFactory.instance.objectNode() : defaultParams.deepCopy();
    optionalText(description, "description", 2000);
    defaults = defaults == null ? JobDefaults.NONE : defaults;
    present(status, "status");
    text(owner, "owner", 256);
    present(createdAt, "created_at");
    present(updatedAt, "updated_at");
  }

  public static JobTemplate create(
      String templateId,
      String name,
      String jobType,
      ObjectNode defaultParams,
      String description,
      String owner,
      Instant now) {
    return create(
        templateId, name, jobType, defaultParams, description, JobDefaults.NONE, owner, now);
  }

  /** A new, active template that fills in {@code defaults} for its jobs. */
  public static JobTemplate create(
      String templateId,
      String name,
      String jobType,
      ObjectNode defaultParams,
      String description,
      JobDefaults defaults,
      String owner,
      Instant now) {
    return new JobTemplate(
        templateId,
        name,
        jobType,
        defaultParams,
        description,
        defaults,
        TemplateStatus.ACTIVE,
        owner,
        now,
        now,
        0);
  }

  /** Archives the template; archiving an archived template changes nothing. */
  public JobTemplate archive(Instant now) {
    if (status == TemplateStatus.ARCHIVED) {
      return this;
    }
    return new JobTemplate(
        templateId,
        name,
        jobType,
        defaultParams,
        description,
        defaults,
        TemplateStatus.ARCHIVED,
        owner,
        createdAt,
        now,
        version);
  }

  /**
   * The template with its editable fields replaced (the job type, status and owner stay); the
   * version stays the one read, so that the store can refuse a stale write.
   */
  public JobTemplate edit(
      String newName,
      String newDescription,
      ObjectNode newDefaultParams,
      JobDefaults newDefaults,
      Instant now) {
    return new JobTemplate(
        templateId,
        newName,
        jobType,
        newDefaultParams,
        newDescription,
        newDefaults,
        status,
        owner,
        createdAt,
        now,
        version);
  }

  /** The same template at {@code storedVersion}: what a store returns after a write. */
  public JobTemplate withVersion(long storedVersion) {
    return new JobTemplate(
        templateId,
        name,
        jobType,
        defaultParams,
        description,
        defaults,
        status,
        owner,
        createdAt,
        updatedAt,
        storedVersion);
  }

  /**
   * Parameters for a job made from this template: the defaults deep-merged with {@code overrides}.
   *
   * @throws ArchivedTemplateException when the template is archived
   */
  public ObjectNode resolveParams(ObjectNode overrides) {
    if (status == TemplateStatus.ARCHIVED) {
      throw new ArchivedTemplateException(templateId);
    }
    return overrides == null ? defaultParams() : Json.merge(defaultParams, overrides);
  }

  /**
   * A request for a job of this template, owned by {@code owner}, with the template's defaults.
   *
   * @throws ArchivedTemplateException when the template is archived
   */
  public NewJob newJob(ObjectNode overrides, String owner) {
    return new NewJob(
        jobType,
        resolveParams(overrides),
        defaults.priorityOrDefault(),
        defaults.maxAttemptsOrDefault(),
        defaults.timeoutSeconds(),
        defaults.ttlHoursOrDefault(),
        null,
        templateId,
        null,
        null,
        owner,
        null,
        null);
  }

  @Override
  public ObjectNode defaultParams() {
    return defaultParams.deepCopy();
  }
}
