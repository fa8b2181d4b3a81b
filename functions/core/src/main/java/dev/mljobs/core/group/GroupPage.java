package dev.mljobs.core.group;

import dev.mljobs.core.job.PageCursor;
import java.util.List;

/** One page of groups, newest first, and where the next page starts ({@code null}: none). */
public record GroupPage(List<JobGroup> groups, PageCursor next) {
  public GroupPage {
    groups = List.copyOf(groups);
  }
}
