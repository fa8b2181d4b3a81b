package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.resourceName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Scheduler API's operations on schedules, checked and answered as AWS answers them; every
 * change is stored and (re)planned on the {@link FiringEngine}. Calls are serialised with those of
 * {@link ScheduleGroupService}, so a list never sees half a change.
 */
public final class SchedulerService {

  // AWS refuses a create whose recurring schedule would start further back than this.
  private static final Duration START_DATE_TOLERANCE = Duration.ofMinutes(5);

  private final Object lock;
  private final ScheduleStore store;
  private final FiringEngine engine;
  private final Clock clock;

  /**
   * @param lock shared with {@link ScheduleGroupService}, so that group and schedule changes never
   *     interleave
   */
  SchedulerService(Object lock, ScheduleStore store, FiringEngine engine, Clock clock) {
    this.lock = lock;
    this.store = store;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * CreateSchedule. A retry with the client token of the create that made the schedule answers as
   * that create did. As in AWS, a recurring schedule may not start more than five minutes ago.
   *
   * @return the schedule's ARN
   * @throws SchedulerException ValidationException, ResourceNotFoundException (no such group) or
   *     ConflictException (the name is taken in the group)
   */
  public String createSchedule(String name, ScheduleRequest request) {
    synchronized (lock) {
      resourceName(required(name, "name"), "name");
      Objects.requireNonNull(request, "request must not be null");
      group(request.groupName());
      ScheduleKey key = new ScheduleKey(request.groupName(), name);
      Optional<ScheduleStore.Entry> existing = store.schedule(key);
      if (existing.isPresent()) {
        String token = existing.get().clientToken();
        if (token != null && token.equals(request.clientToken())) {
          return existing.get().schedule().arn();
        }
        throw SchedulerException.conflict("Schedule " + name + " already exists.");
      }
      Instant now = clock.instant();
      StoredSchedule schedule = StoredSchedule.of(name, request, now, now);
      if (schedule.oneTimeFire().isEmpty()
          && schedule.startDate() != null
          && schedule.startDate().isBefore(now.minus(START_DATE_TOLERANCE))) {
        throw SchedulerException.validation(
            "The StartDate you specify cannot be earlier than 5 minutes ago.");
      }
      return save(new ScheduleStore.Entry(schedule, request.clientToken(), null));
    }
  }

  /**
   * UpdateSchedule: replaces every member, resetting those the request leaves out to their
   * defaults, as AWS does; only the creation date is kept.
   *
   * @return the schedule's ARN
   * @throws SchedulerException ValidationException or ResourceNotFoundException
   */
  public String updateSchedule(String name, ScheduleRequest request) {
    synchronized (lock) {
      Objects.requireNonNull(request, "request must not be null");
      ScheduleStore.Entry existing = entry(name, request.groupName());
      StoredSchedule updated =
          StoredSchedule.of(name, request, existing.schedule().creationDate(), clock.instant());
      // A new version has not fired yet: an at() updated to a later time fires again.
      return save(new ScheduleStore.Entry(updated, existing.clientToken(), null));
    }
  }

  /**
   * GetSchedule.
   *
   * @param groupName the group, or null for {@code default}
   * @throws SchedulerException ValidationException or ResourceNotFoundException
   */
  public StoredSchedule getSchedule(String name, String groupName) {
    synchronized (lock) {
      return entry(name, groupName).schedule();
    }
  }

  /**
   * DeleteSchedule.
   *
   * @param groupName the group, or null for {@code default}
   * @throws SchedulerException ValidationException or ResourceNotFoundException
   */
  public void deleteSchedule(String name, String groupName) {
    synchronized (lock) {
      ScheduleKey key = entry(name, groupName).schedule().key();
      engine.cancel(key);
      store.remove(key);
    }
  }

  /**
   * ListSchedules, ordered by group and name.
   *
   * @param query the filters and page; its null members filter nothing
   * @throws SchedulerException ValidationException or ResourceNotFoundException (no such group)
   */
  public Page<ScheduleSummary> listSchedules(ScheduleQuery query) {
    synchronized (lock) {
      if (query.groupName() != null) {
        group(query.groupName());
      }
      List<StoredSchedule> matching =
          store.schedules().stream()
              .map(ScheduleStore.Entry::schedule)
              .filter(query::matches)
              .toList();
      // '\n' sorts before every character a name may hold, so these strings sort as the keys do.
      return Page.of(
              matching, s -> s.groupName() + "\n" + s.name(), query.maxResults(), query.nextToken())
          .map(StoredSchedule::summary);
    }
  }

  private ScheduleGroup group(String name) {
    return store
        .group(name)
        .orElseThrow(
            () -> SchedulerException.notFound("Schedule group " + name + " does not exist."));
  }

  private ScheduleStore.Entry entry(String name, String groupName) {
    resourceName(required(name, "name"), "name");
    String group = resourceName(groupName == null ? ScheduleGroup.DEFAULT : groupName, "groupName");
    return store
        .schedule(new ScheduleKey(group, name))
        .orElseThrow(() -> SchedulerException.notFound("Schedule " + name + " does not exist."));
  }

  private String save(ScheduleStore.Entry entry) {
    store.put(entry);
    engine.plan(entry);
    return entry.schedule().arn();
  }
}
