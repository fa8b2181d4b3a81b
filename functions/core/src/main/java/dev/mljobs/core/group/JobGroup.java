package dev.mljobs.core.group;

import static dev.mljobs.core.Require.id;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import dev.mljobs.core.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Jobs that belong together, run side by side or one after another. The group's status is never set
 * directly: it is derived from its members by {@link #derive}, here and nowhere else, and {@code
 * version} is the stored version it was read at (0 before it is first stored).
 *
 * @param members the member jobs, in the order a sequential group runs them
 * @param stopOnFailure whether a member that failed (or was cancelled) ends the rest: members not
 *     yet released are skipped, released ones cancelled
 * @param cancelled whether the group was cancelled as a whole
 */
public record JobGroup(
    String groupId,
    String name,
    GroupMode mode,
    boolean stopOnFailure,
    List<GroupMember> members,
    boolean cancelled,
    GroupStatus status,
    String owner,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long version) {

  public static final int MAX_JOBS = 1000;

  public JobGroup {
    id(groupId, "group_id");
    optionalText(name, "name", 200);
    present(mode, "mode");
    present(members, "jobs");
    if (members.isEmpty() || members.size() > MAX_JOBS) {
      throw new IllegalArgumentException("jobs must hold 1 to " + MAX_JOBS + " jobs");
    }
    if (members.stream().map(GroupMember::jobId).distinct().count() != members.size()) {
      throw new IllegalArgumentException("jobs must not repeat a job");
    }
    members = List.copyOf(members);
    present(status, "status");
    if (status != derive(members, cancelled)) {
      throw new IllegalArgumentException("status " + status + " does not follow from the members");
    }
    text(owner, "owner", 256);
    present(createdAt, "created_at");
    if (status.isTerminal() != (finishedAt != null)) {
      throw new IllegalArgumentException("finished_at is set exactly when the group is terminal");
    }
  }

  /** A new group whose member jobs were stored pending, at version 1. */
  public static JobGroup create(
      String groupId,
      String name,
      GroupMode mode,
      boolean stopOnFailure,
      List<UUID> jobIds,
      String owner,
      Instant now) {
    return of(
        groupId,
        name,
        mode,
        stopOnFailure,
        jobIds.stream().map(id -> new GroupMember(id, JobStatus.PENDING, 1)).toList(),
        owner,
        now);
  }

  /** A new group of members as they were stored. */
  public static JobGroup of(
      String groupId,
      String name,
      GroupMode mode,
      boolean stopOnFailure,
      List<GroupMember> members,
      String owner,
      Instant now) {
    return new JobGroup(
        groupId,
        name,
        mode,
        stopOnFailure,
        members,
        false,
        derive(members, false),
        owner,
        now,
        null,
        null,
        0);
  }

  /** The one derivation of a group's status from its members. */
  public static GroupStatus derive(List<GroupMember> members, boolean cancelled) {
    if (cancelled) {
      return GroupStatus.CANCELLED;
    }
    Map<JobStatus, Integer> counts = count(members);
    int ended =
        counts.get(JobStatus.COMPLETED)
            + counts.get(JobStatus.SKIPPED)
            + counts.get(JobStatus.FAILED)
            + counts.get(JobStatus.CANCELLED);
    if (ended < members.size()) {
      boolean underway = counts.get(JobStatus.RUNNING) > 0 || ended > 0;
      return underway ? GroupStatus.RUNNING : GroupStatus.QUEUED;
    }
    int completed = counts.get(JobStatus.COMPLETED);
    int failed = counts.get(JobStatus.FAILED);
    int cancelledMembers = counts.get(JobStatus.CANCELLED);
    if (failed == 0 && cancelledMembers == 0) {
      return GroupStatus.COMPLETED;
    }
    if (completed > 0) {
      return GroupStatus.PARTIAL;
    }
    return failed > 0 ? GroupStatus.FAILED : GroupStatus.CANCELLED;
  }

  /** How many members are in each job status (every status present, zero or more). */
  public Map<JobStatus, Integer> counts() {
    return count(members);
  }

  private static Map<JobStatus, Integer> count(List<GroupMember> members) {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus s : JobStatus.values()) {
      counts.put(s, 0);
    }
    members.forEach(m -> counts.merge(m.status(), 1, Integer::sum));
    return counts;
  }

  /**
   * The group after member {@code jobId} reached {@code status} at its stored {@code jobVersion}.
   * The same group is returned, unchanged, when the job is no member or the change is not newer
   * than the one last taken: so a change handled twice counts once. {@code started_at} is stamped
   * when a member first runs or ends, {@code finished_at} when the status becomes terminal.
   */
  public JobGroup observe(UUID jobId, JobStatus status, long jobVersion, Instant now) {
    List<GroupMember> next = new ArrayList<>(members);
    for (int i = 0; i < next.size(); i++) {
      GroupMember m = next.get(i);
      if (m.jobId().equals(jobId)) {
        if (jobVersion <= m.jobVersion() || m.status().isTerminal()) {
          return this;
        }
        next.set(i, new GroupMember(jobId, status, jobVersion));
        boolean runs = status == JobStatus.RUNNING || status.isTerminal();
        return with(next, cancelled, startedAt == null && runs ? now : startedAt, now);
      }
    }
    return this;
  }

  /** Marks the group cancelled; its caller cancels the members not yet ended. */
  public JobGroup cancel(Instant now) {
    return cancelled ? this : with(members, true, startedAt, now);
  }

  /**
   * The members not yet released, put in {@code order}; released members keep their places.
   *
   * @throws GroupConflictException when {@code order} names a released member or is not a
   *     permutation of the members not yet released
   */
  public JobGroup reorder(List<UUID> order) {
    Set<UUID> pending = new HashSet<>();
    for (GroupMember m : members) {
      if (m.started() && order.contains(m.jobId())) {
        throw new GroupConflictException("job " + m.jobId() + " has started; it cannot move");
      }
      if (!m.started()) {
        pending.add(m.jobId());
      }
    }
    if (order.size() != pending.size() || !pending.equals(new HashSet<>(order))) {
      throw new GroupConflictException(
          "job_ids must name each of the " + pending.size() + " members not yet started once");
    }
    List<GroupMember> next = new ArrayList<>(members.size());
    int taken = 0;
    for (GroupMember m : members) {
      if (m.started()) {
        next.add(m);
      } else {
        UUID id = order.get(taken++);
        next.add(members.stream().filter(x -> x.jobId().equals(id)).findFirst().orElseThrow());
      }
    }
    return with(next, cancelled, startedAt, null);
  }

  /**
   * What the members need now: a parallel group releases every pending member; a sequential one the
   * first member not yet ended, once every one before it ended. With {@code stop_on_failure}, after
   * a member failed or was cancelled, pending members are skipped and released ones cancelled. A
   * cancelled group cancels every member not yet ended.
   */
  public Plan plan() {
    List<UUID> release = new ArrayList<>();
    List<UUID> skip = new ArrayList<>();
    List<UUID> cancel = new ArrayList<>();
    boolean stop =
        cancelled
            || stopOnFailure
                && members.stream()
                    .anyMatch(
                        m -> m.status() == JobStatus.FAILED || m.status() == JobStatus.CANCELLED);
    for (GroupMember m : members) {
      if (m.status().isTerminal()) {
        continue;
      }
      if (stop) {
        (m.started() || cancelled ? cancel : skip).add(m.jobId());
      } else if (!m.started()) {
        release.add(m.jobId());
        if (mode == GroupMode.SEQUENTIAL) {
          break;
        }
      } else if (mode == GroupMode.SEQUENTIAL) {
        break; // queued or running: the next one waits for it
      }
    }
    return new Plan(release, skip, cancel);
  }

  /** The same group as stored at {@code storedVersion}: what a store answers after a write. */
  public JobGroup atVersion(long storedVersion) {
    return new JobGroup(
        groupId,
        name,
        mode,
        stopOnFailure,
        members,
        cancelled,
        status,
        owner,
        createdAt,
        startedAt,
        finishedAt,
        storedVersion);
  }

  private JobGroup with(List<GroupMember> next, boolean isCancelled, Instant started, Instant now) {
    GroupStatus derived = derive(next, isCancelled);
    Instant finished = derived.isTerminal() ? (finishedAt != null ? finishedAt : now) : null;
    return new JobGroup(
        groupId,
        name,
        mode,
        stopOnFailure,
        next,
        isCancelled,
        derived,
        owner,
        createdAt,
        started,
        finished,
        version);
  }

  /** What {@link #plan} decided: members to release to the queue, to skip and to cancel. */
  public record Plan(List<UUID> release, List<UUID> skip, List<UUID> cancel) {
    public Plan {
      release = List.copyOf(release);
      skip = List.copyOf(skip);
      cancel = List.copyOf(cancel);
    }

    public boolean isEmpty() {
      return release.isEmpty() && skip.isEmpty() && cancel.isEmpty();
    }
  }
}
