package dev.mljobs.core.template;

import java.util.Optional;

/**
 * Where job templates live, per owner: a template is found only by its owner, so another owner's id
 * does not exist. Every change is conditional on the version that was read (optimistic locking).
 * Templates are never deleted; archiving is a change like any other.
 */
public interface TemplateStore {

  /**
   * Stores a new template at version 1.
   *
   * @param template a template that was never stored (version 0)
   * @return the template as stored
   * @throws IllegalArgumentException when {@code template} has a version other than 0
   * @throws DuplicateTemplateException when the owner already has a template of that id
   */
  JobTemplate create(JobTemplate template);

  /**
   * Reads one of the owner's templates.
   *
   * @return the template, or empty when {@code owner} has no template of that id (also when another
   *     owner has one)
   * @throws IllegalArgumentException when owner or templateId is null
   */
  Optional<JobTemplate> find(String owner, String templateId);

  /**
   * Replaces a stored template with {@code template}, provided the stored version is still {@code
   * template.version()}.
   *
   * @return the template as stored, with its version incremented
   * @throws ConcurrentTemplateModificationException when the stored version differs
   * @throws TemplateNotFoundException when the owner has no such template
   */
  JobTemplate update(JobTemplate template);

  /**
   * Lists the owner's templates newest first (by created_at, then template_id).
   *
   * @throws IllegalArgumentException when the query cannot be answered
   */
  TemplatePage list(TemplateQuery query);
}
