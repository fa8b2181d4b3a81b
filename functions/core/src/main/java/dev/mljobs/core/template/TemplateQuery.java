package dev.mljobs.core.template;

import static dev.mljobs.core.Require.range;
import static dev.mljobs.core.Require.text;

import dev.mljobs.core.ListCursor;

/**
 * Which of an owner's templates to list, newest first.
 *
 * @param status only templates in this status, or {@code null} for all
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
public record TemplateQuery(String owner, TemplateStatus status, int limit, ListCursor cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public TemplateQuery {
    text(owner, "owner", 256);
    range(limit, 1, MAX_LIMIT, "limit");
  }

  public static TemplateQuery byOwner(String owner) {
    return new TemplateQuery(owner, null, DEFAULT_LIMIT, null);
  }

  public TemplateQuery withStatus(TemplateStatus value) {
    return new TemplateQuery(owner, value, limit, cursor);
  }

  public TemplateQuery withLimit(int value) {
    return new TemplateQuery(owner, status, value, cursor);
  }

  public TemplateQuery after(ListCursor value) {
    return new TemplateQuery(owner, status, limit, value);
  }

  /** Whether {@code template} meets every criterion of this query (the cursor aside). */
  public boolean matches(JobTemplate template) {
    return owner.equals(template.owner()) && (status == null || status == template.status());
  }
}
