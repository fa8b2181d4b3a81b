package dev.mljobs.core.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.storage.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The use cases of templates: create, read, list, edit, archive, and resolve a template into a job
 * request. A template is checked as the job it would make with no overrides, by the same {@link
 * JobChecks} as a job, so that a template the API accepts never makes a job it refuses.
 */
public final class TemplateService {

  private static final int MAX_WRITE_TRIES = 5;

  private final TemplateStore store;
  private final JobChecks checks;
  private final Clock clock;
  private final Supplier<String> ids;

  public TemplateService(TemplateStore store, JobChecks checks, Clock clock, Supplier<String> ids) {
    this.store = store;
    this.checks = checks;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Stores a new, active template of {@code owner}.
   *
   * @throws InvalidRequestException with the same fields and reasons a job of the template's
   *     defaults would be refused with
   */
  public JobTemplate create(String owner, TemplateDraft draft) {
    JobTemplate template =
        JobTemplate.create(
            ids.get(),
            draft.name(),
            draft.jobType(),
            draft.defaultParams(),
            draft.description(),
            draft.defaults(),
            owner,
            clock.now());
    check(template);
    return store.create(template);
  }

  /** The owner's template; another owner's does not exist. */
  public Optional<JobTemplate> find(String owner, String templateId) {
    return store.find(owner, templateId);
  }

  public TemplatePage list(TemplateQuery query) {
    return store.list(query);
  }

  /**
   * Applies {@code change} to the owner's template and stores it, checked as on creation.
   *
   * @param expectedVersion the version the client read ({@code If-Match}), or {@code null} to edit
   *     whatever version is current
   * @throws TemplateNotFoundException when the owner has no such template
   * @throws ConcurrentTemplateModificationException when {@code expectedVersion} is stale
   * @throws ArchivedTemplateException when the template is archived: it stays as it was archived
   * @throws InvalidRequestException as {@link #create}
   */
  public JobTemplate edit(
      String owner, String templateId, Long expectedVersion, UnaryOperator<TemplateDraft> change) {
    for (int attempt = 1; ; attempt++) {
      JobTemplate current = current(owner, templateId, expectedVersion);
      if (current.status() == TemplateStatus.ARCHIVED) {
        throw new ArchivedTemplateException(templateId);
      }
      TemplateDraft draft = change.apply(TemplateDraft.of(current));
      JobTemplate edited =
          current.edit(
              draft.name(),
              draft.description(),
              draft.defaultParams(),
              draft.defaults(),
              clock.now());
      check(edited);
      try {
        return store.update(edited);
      } catch (ConcurrentTemplateModificationException lostRace) {
        if (expectedVersion != null || attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
      }
    }
  }

  /**
   * Archives the owner's template; archiving an archived one changes nothing.
   *
   * @throws TemplateNotFoundException when the owner has no such template
   */
  public JobTemplate archive(String owner, String templateId) {
    for (int attempt = 1; ; attempt++) {
      JobTemplate current = current(owner, templateId, null);
      Instant now = clock.now();
      if (current.status() == TemplateStatus.ARCHIVED) {
        return current;
      }
      try {
        return store.update(current.archive(now));
      } catch (ConcurrentTemplateModificationException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
      }
    }
  }

  /**
   * The job request the owner's template makes: its type, its {@code default_params} deep-merged
   * with {@code overrides} (the overrides win, objects merge, arrays and scalars replace, a JSON
   * null removes a default), its defaults where {@code options} leaves a field out, and its id. The
   * request is checked as a submitted job is. Callers add what is theirs (idempotency key, group,
   * schedule, trace, callback); the params are resolved now, so that later edits of the template
   * never change the job.
   *
   * @param overrides params of the request, or {@code null}
   * @param options job options of the request ({@link JobDefaults#NONE} for none)
   * @throws TemplateNotFoundException when the owner has no such template
   * @throws ArchivedTemplateException when the template is archived
   * @throws InvalidRequestException when the resolved job would be refused
   */
  public NewJob resolve(
      String owner, String templateId, ObjectNode overrides, JobDefaults options) {
    JobTemplate template =
        store.find(owner, templateId).orElseThrow(() -> new TemplateNotFoundException(templateId));
    JobDefaults effective = template.defaults().under(options == null ? JobDefaults.NONE : options);
    NewJob job =
        new NewJob(
            template.jobType(),
            template.resolveParams(overrides),
            effective.priorityOrDefault(),
            effective.maxAttemptsOrDefault(),
            effective.timeoutSeconds(),
            effective.ttlHoursOrDefault(),
            null,
            templateId,
            null,
            null,
            owner,
            null,
            null);
    List<FieldError> problems = checks.problems(job);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return job;
  }

  private JobTemplate current(String owner, String templateId, Long expectedVersion) {
    JobTemplate current =
        store.find(owner, templateId).orElseThrow(() -> new TemplateNotFoundException(templateId));
    if (expectedVersion != null && current.version() != expectedVersion) {
      throw new ConcurrentTemplateModificationException(templateId, expectedVersion);
    }
    return current;
  }

  private void check(JobTemplate template) {
    List<FieldError> problems = checks.problems(template.newJob(null, template.owner()));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }
}
