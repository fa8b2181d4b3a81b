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
    return new JobTemplate(
        templateId,
        name,
        jobType,
        defaultParams,
        description,
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
        TemplateStatus.ARCHIVED,
        owner,
        createdAt,
        now,
        version);
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
   * A request for a job of this template, owned by {@code owner}, all other options at defaults.
   *
   * @throws ArchivedTemplateException when the template is archived
   */
  public NewJob newJob(ObjectNode overrides, String owner) {
    return new NewJob(
        jobType,
        resolveParams(overrides),
        Job.DEFAULT_PRIORITY,
        Job.DEFAULT_MAX_ATTEMPTS,
        null,
        Job.DEFAULT_TTL_HOURS,
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
