package dev.mljobs.core.job;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param next where the next page starts, or {@code null} when this is the last page
 */
public record JobPage(List<Job> jobs, PageCursor next) {

  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
