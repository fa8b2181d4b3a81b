package dev.mljobs.core.group;

import dev.mljobs.core.job.PageCursor;
import java.util.Optional;

/**
 * Where groups live, members and all in one record. Every write is conditional on the version that
 * was read (optimistic locking), which is what makes a member's change count once.
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
   * Lists one owner's groups newest first, at most {@code limit}, after {@code cursor} when it is
   * not {@code null}.
   */
  GroupPage list(String owner, int limit, PageCursor cursor);
}
