package dev.mljobs.core.trigger;

import dev.mljobs.core.ListCursor;
import java.util.List;

/** A page of a trigger's jobs, newest first; {@code next} is {@code null} on the last page. */
public record TriggerJobPage(List<TriggerJob> jobs, ListCursor next) {

  public TriggerJobPage {
    jobs = List.copyOf(jobs);
  }
}
