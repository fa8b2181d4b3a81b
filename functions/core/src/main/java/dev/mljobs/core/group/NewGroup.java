package dev.mljobs.core.group;

import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import dev.mljobs.core.job.NewJob;
import java.util.List;

/** A request for a new group, its members already checked as job requests. */
public record NewGroup(
    String name, GroupMode mode, boolean stopOnFailure, List<NewJob> jobs, String owner) {

  public NewGroup {
    optionalText(name, "name", 200);
    present(mode, "mode");
    present(jobs, "jobs");
    if (jobs.isEmpty() || jobs.size() > JobGroup.MAX_JOBS) {
      throw new IllegalArgumentException("jobs must hold 1 to " + JobGroup.MAX_JOBS + " jobs");
    }
    jobs = List.copyOf(jobs);
    text(owner, "owner", 256);
  }
}
