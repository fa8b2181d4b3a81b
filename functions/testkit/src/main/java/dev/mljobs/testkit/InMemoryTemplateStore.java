package dev.mljobs.testkit;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.template.ConcurrentTemplateModificationException;
import dev.mljobs.core.template.DuplicateTemplateException;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplatePage;
import dev.mljobs.core.template.TemplateQuery;
import dev.mljobs.core.template.TemplateStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TemplateStore} in a map; {@link TemplateStoreContract} keeps it honest. */
public final class InMemoryTemplateStore implements TemplateStore {

  private final Map<String, JobTemplate> templates = new HashMap<>();

  @Override
  public synchronized JobTemplate create(JobTemplate template) {
    if (template.version() != 0) {
      throw new IllegalArgumentException("a new template has version 0");
    }
    JobTemplate stored = template.withVersion(1);
    if (templates.putIfAbsent(key(template.owner(), template.templateId()), stored) != null) {
      throw new DuplicateTemplateException(template.templateId());
    }
    return stored;
  }

  @Override
  public synchronized Optional<JobTemplate> find(String owner, String templateId) {
    if (owner == null || templateId == null) {
      throw new IllegalArgumentException("owner and template_id are required");
    }
    return Optional.ofNullable(templates.get(key(owner, templateId)));
  }

  @Override
  public synchronized JobTemplate update(JobTemplate template) {
    String key = key(template.owner(), template.templateId());
    JobTemplate current = templates.get(key);
    if (current == null) {
      throw new TemplateNotFoundException(template.templateId());
    }
    if (current.version() != template.version()) {
      throw new ConcurrentTemplateModificationException(template.templateId(), template.version());
    }
    JobTemplate stored = template.withVersion(template.version() + 1);
    templates.put(key, stored);
    return stored;
  }

  @Override
  public synchronized TemplatePage list(TemplateQuery query) {
    String after = query.cursor() == null ? null : query.cursor().sortKey();
    List<JobTemplate> matching =
        templates.values().stream()
            .filter(query::matches)
            .filter(t -> after == null || sortKey(t).compareTo(after) < 0)
            .sorted(Comparator.comparing(InMemoryTemplateStore::sortKey).reversed())
            .limit(query.limit() + 1L)
            .toList();
    if (matching.size() <= query.limit()) {
      return new TemplatePage(matching, null);
    }
    List<JobTemplate> page = matching.subList(0, query.limit());
    JobTemplate last = page.get(page.size() - 1);
    return new TemplatePage(page, new ListCursor(last.createdAt(), last.templateId()));
  }

  private static String sortKey(JobTemplate t) {
    return ListCursor.sortKey(t.createdAt(), t.templateId());
  }

  private static String key(String owner, String templateId) {
    return owner + '\0' + templateId;
  }
}
