package dev.mljobs.core.group;

import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where groups live, members and all in one record. A member's change is taken by {@link
 * #takeMember} alone: atomically, once, and without conflicting with other members' changes, so
 * that a thousand members ending at once each land in one write. Other writes ({@link #update}) are
 * conditional on the version read (optimistic locking); every write increments the version.
 */
public interface GroupStore {

  /**
   * Stores a new group at version 1.
   *
   * @throws IllegalArgumentException when {@code group} has a version other than 0
   * @throws ConcurrentGroupModificationException when a group with this id already exists
   */
  JobGroup create(JobGroup group);

  /**
   * Reads a group.
   *
   * @return the group, or empty when none has this id
   */
  Optional<JobGroup> find(String groupId);

  /**
   * Replaces a stored group with {@code group}, provided the stored version is still {@code
   * group.version()}.
   *
   * @return the group as stored, with its version incremented
   * @throws ConcurrentGroupModificationException when the stored version differs or it is gone
   */
  JobGroup update(JobGroup group);

  /**
   * Takes member {@code jobId}'s change to {@code status}, read at the job's stored {@code
   * jobVersion}, provided the group is {@code owner}'s and has this member, the member has not
   * ended and the change is newer than the one it last took. {@code started_at} is stamped with
   * {@code now} the first time a member runs or ends.
   *
   * @return the group after the change (its status derived from its members), and the status last
   *     recorded by {@link #publish}; empty when the change was not taken
   */
  Optional<Taken> takeMember(
      String groupId, String owner, UUID jobId, JobStatus status, long jobVersion, Instant now);

  /**
   * Records that {@code group}'s status was published, unless it is already the recorded status or
   * a later version of the group recorded one: so that each change of status is announced once.
   *
   * @return whether this call recorded it (and the caller should announce it)
   */
  boolean publish(JobGroup group);

  /** A group after {@link #takeMember}, and the status its last announcement was of. */
  record Taken(JobGroup group, GroupStatus published) {}

  /**
   * Lists one owner's groups newest first, at most {@code limit}, after {@code cursor} when it is
   * not {@code null}.
   */
  GroupPage list(String owner, int limit, PageCursor cursor);
}
