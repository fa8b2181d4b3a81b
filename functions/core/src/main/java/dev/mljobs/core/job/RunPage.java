package dev.mljobs.core.job;

import dev.mljobs.core.ListCursor;
import java.util.List;

/**
 * One page of a run listing.
 *
 * @param next where the next page starts, or {@code null} when this is the last page
 */
public record RunPage(List<JobRun> runs, ListCursor next) {

  public RunPage {
    runs = List.copyOf(runs);
  }
}
