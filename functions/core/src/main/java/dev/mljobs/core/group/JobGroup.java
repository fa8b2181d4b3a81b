package dev.mljobs.core.group;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import dev.mljobs.core.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Jobs that belong together, run in parallel or one after another. The group's status is never set
 * directly: it is derived from the statuses of its jobs by {@link #observe}.
 *
 * @param jobIds the member jobs, in the order a sequential group runs them
 */
public record JobGroup(
    String groupId,
    String name,
    GroupMode mode,
    List<UUID> jobIds,
    GroupStatus status,
    String owner,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long version) {

  public static final int MAX_JOBS = 500;

  public JobGroup {
    id(groupId, "group_id");
    text(name, "name", 200);
    present(mode, "mode");
    present(jobIds, "job_ids");
    if (jobIds.isEmpty() || jobIds.size() > MAX_JOBS) {
      throw new IllegalArgumentException("job_ids must hold 1 to " + MAX_JOBS + " jobs");
    }
    if (new HashSet<>(jobIds).size() != jobIds.size()) {
      throw new IllegalArgumentException("job_ids must not repeat a job");
    }
    jobIds = List.copyOf(jobIds);
    present(status, "status");
    text(owner, "owner", 256);
    present(createdAt, "created_at");
    if (status.isTerminal() != (finishedAt != null)) {
      throw new IllegalArgumentException("finished_at is set exactly when the group is terminal");
    }
  }

  public static JobGroup create(
      String groupId, String name, GroupMode mode, List<UUID> jobIds, String owner, Instant now) {
    return new JobGroup(
        groupId, name, mode, jobIds, GroupStatus.CREATED, owner, now, null, null, 0);
  }

  /**
   * The aggregate status of jobs in these statuses.
   *
   * @throws IllegalArgumentException when a member's status is missing
   */
  public GroupStatus aggregate(Map<UUID, JobStatus> statuses) {
    List<JobStatus> all = statusesOf(statuses);
    if (all.stream().allMatch(s -> s == JobStatus.PENDING)) {
      return GroupStatus.CREATED;
    }
    if (all.stream().allMatch(JobStatus::isTerminal)) {
      if (all.stream().allMatch(s -> s == JobStatus.COMPLETED)) {
        return GroupStatus.COMPLETED;
      }
      return all.stream().allMatch(s -> s == JobStatus.CANCELLED)
          ? GroupStatus.CANCELLED
          : GroupStatus.PARTIAL;
    }
    boolean underway = all.stream().anyMatch(s -> s == JobStatus.RUNNING || s.isTerminal());
    return underway ? GroupStatus.RUNNING : GroupStatus.QUEUED;
  }

  /**
   * The group after its jobs reached these statuses: {@code started_at} is set when work first
   * starts, {@code finished_at} when every job has ended. A finished group never changes again.
   */
  public JobGroup observe(Map<UUID, JobStatus> statuses, Instant now) {
    if (status.isTerminal()) {
      return this;
    }
    GroupStatus next = aggregate(statuses);
    boolean started = next == GroupStatus.RUNNING || next.isTerminal();
    return new JobGroup(
        groupId,
        name,
        mode,
        jobIds,
        next,
        owner,
        createdAt,
        startedAt == null && started ? now : startedAt,
        next.isTerminal() ? now : null,
        version);
  }

  /** Marks the group cancelled; its caller cancels the member jobs. */
  public JobGroup cancel(Instant now) {
    if (status.isTerminal()) {
      return this;
    }
    return new JobGroup(
        groupId,
        name,
        mode,
        jobIds,
        GroupStatus.CANCELLED,
        owner,
        createdAt,
        startedAt,
        now,
        version);
  }

  /**
   * Which pending jobs to release to the queue now, and which can never run. A parallel group
   * releases all pending jobs at once. A sequential group releases the first pending job once every
   * job before it completed; after a job that failed, was cancelled or skipped, the remaining
   * pending jobs are skipped.
   */
  public Plan plan(Map<UUID, JobStatus> statuses) {
    List<JobStatus> all = statusesOf(statuses);
    List<UUID> release = new ArrayList<>();
    if (mode == GroupMode.PARALLEL) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i) == JobStatus.PENDING) {
          release.add(jobIds.get(i));
        }
      }
      return new Plan(release, List.of());
    }
    for (int i = 0; i < all.size(); i++) {
      JobStatus s = all.get(i);
      if (s == JobStatus.COMPLETED) {
        continue;
      }
      if (s == JobStatus.PENDING) {
        return new Plan(List.of(jobIds.get(i)), List.of());
      }
      if (s.isTerminal()) {
        List<UUID> skip = new ArrayList<>();
        for (int j = i + 1; j < all.size(); j++) {
          if (all.get(j) == JobStatus.PENDING) {
            skip.add(jobIds.get(j));
          }
        }
        return new Plan(List.of(), skip);
      }
      break; // queued or running: wait for it
    }
    return new Plan(List.of(), List.of());
  }

  private List<JobStatus> statusesOf(Map<UUID, JobStatus> statuses) {
    List<JobStatus> all = new ArrayList<>(jobIds.size());
    for (UUID id : jobIds) {
      JobStatus s = statuses.get(id);
      if (s == null) {
        throw new IllegalArgumentException(
            "status of job " + id + " of group " + groupId + " is missing");
      }
      all.add(s);
    }
    return all;
  }

  /** What {@link #plan} decided: jobs to enqueue and jobs to skip. */
  public record Plan(List<UUID> release, List<UUID> skip) {
    public Plan {
      release = List.copyOf(release);
      skip = List.copyOf(skip);
    }
  }
}
