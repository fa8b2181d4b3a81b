package dev.mljobs.core.schedule;

import dev.mljobs.core.ListCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where schedules live. Every write is conditional on the version that was read (optimistic
 * locking). Reading by id alone is for the schedule handler, which learns only the id from the
 * Scheduler; everything a user asks goes through the owner.
 */
public interface ScheduleStore {

  /**
   * Stores a new schedule at version 1.
   *
   * @param schedule a schedule that was never stored (version 0)
   * @return the schedule as stored
   * @throws IllegalArgumentException when {@code schedule} has a version other than 0
   * @throws ConcurrentScheduleModificationException when a schedule with this id already exists
   */
  Schedule create(Schedule schedule);

  /**
   * Reads a schedule by id, whoever owns it.
   *
   * @return the schedule, or empty when it does not exist
   */
  Optional<Schedule> find(String scheduleId);

  /**
   * Reads one of the owner's schedules.
   *
   * @return the schedule, or empty when {@code owner} has no schedule of that id (also when another
   *     owner has one)
   */
  default Optional<Schedule> find(String owner, String scheduleId) {
    return find(scheduleId).filter(s -> s.owner().equals(owner));
  }

  /**
   * Replaces a stored schedule, provided the stored version is still {@code schedule.version()}.
   *
   * @return the schedule as stored, with its version incremented
   * @throws ConcurrentScheduleModificationException when the stored version differs or the schedule
   *     is gone
   */
  Schedule update(Schedule schedule);

  /**
   * Every enabled schedule, of all owners, whose next fire time is before {@code instant}: the ones
   * that may have missed fires. Reads the whole store: for the local runtime's start, not for a
   * request.
   */
  List<Schedule> dueBefore(Instant instant);

  /** Removes a schedule; removing one that is gone changes nothing. */
  void delete(String scheduleId);

  /**
   * Lists the owner's schedules newest first (created_at, then schedule_id).
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param limit at most this many, 1 to 100
   */
  SchedulePage list(String owner, ListCursor after, int limit);
}
