package dev.mljobs.core.group;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;

/**
 * Publishes each job status change, then hands a group member's change to its group. It sits where
 * the job lifecycle announces changes ({@code JobService}, {@code JobSteps}), which announce again
 * when a step is retried: the group takes each change once ({@link JobGroup#observe}).
 */
public final class GroupTracking implements JobEvents {

  private final JobEvents next;
  private GroupService groups;

  public GroupTracking(JobEvents next) {
    this.next = next;
  }

  /**
   * Sets the groups to follow. Set once, after construction: the group service cancels members
   * through the job service, whose changes come back here.
   */
  public void follow(GroupService groupService) {
    this.groups = groupService;
  }

  @Override
  public void statusChanged(Job job) {
    next.statusChanged(job);
    if (job.groupId() != null && groups != null) {
      // not best effort: a failure propagates so that the step announcing it is retried
      groups.memberChanged(job);
    }
  }
}
