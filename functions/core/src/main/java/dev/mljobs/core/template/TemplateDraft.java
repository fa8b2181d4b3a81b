package dev.mljobs.core.template;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a client writes of a template: on creation all of it, on an edit the result of applying the
 * changes to the current template. Checked when it becomes a {@link JobTemplate}.
 */
public record TemplateDraft(
    String name,
    String jobType,
    ObjectNode defaultParams,
    String description,
    JobDefaults defaults) {

  /** The draft of a stored template: what an edit starts from. */
  public static TemplateDraft of(JobTemplate template) {
    return new TemplateDraft(
        template.name(),
        template.jobType(),
        template.defaultParams(),
        template.description(),
        template.defaults());
  }
}
