package dev.mljobs.core.template;

import dev.mljobs.core.ListCursor;
import java.util.List;

/**
 * One page of a template listing.
 *
 * @param next where the next page starts, or {@code null} when this is the last page
 */
public record TemplatePage(List<JobTemplate> templates, ListCursor next) {

  public TemplatePage {
    templates = List.copyOf(templates);
  }
}
