package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.resourceName;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The Scheduler API's operations on schedule groups. The {@code default} group always exists and
 * cannot be deleted; deleting another group deletes its schedules at once (AWS does it
 * asynchronously, showing the group as {@code DELETING} meanwhile).
 */
public final class ScheduleGroupService {

  private final Object lock;
  private final ScheduleStore store;
  private final FiringEngine engine;
  private final Clock clock;

  /**
   * @param lock shared with {@link SchedulerService}
   */
  ScheduleGroupService(Object lock, ScheduleStore store, FiringEngine engine, Clock clock) {
    this.lock = lock;
    this.store = store;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * CreateScheduleGroup.
   *
   * @return the group's ARN
   * @throws SchedulerException ValidationException or ConflictException (the name is taken)
   */
  public String createScheduleGroup(String name) {
    synchronized (lock) {
      resourceName(required(name, "name"), "name");
      if (store.group(name).isPresent()) {
        throw SchedulerException.conflict("Schedule group " + name + " already exists.");
      }
      Instant now = clock.instant();
      ScheduleGroup group = new ScheduleGroup(name, now, now);
      store.put(group);
      return group.arn();
    }
  }

  /**
   * GetScheduleGroup.
   *
   * @throws SchedulerException ValidationException or ResourceNotFoundException
   */
  public ScheduleGroup getScheduleGroup(String name) {
    synchronized (lock) {
      resourceName(required(name, "name"), "name");
      return store
          .group(name)
          .orElseThrow(
              () -> SchedulerException.notFound("Schedule group " + name + " does not exist."));
    }
  }

  /**
   * ListScheduleGroups, ordered by name.
   *
   * @param namePrefix the start of the names to list, or null for all
   * @param maxResults 1 to 100, or null for 100
   * @param nextToken the token of the previous page, or null for the first
   * @throws SchedulerException ValidationException
   */
  public Page<ScheduleGroup> listScheduleGroups(
      String namePrefix, Integer maxResults, String nextToken) {
    synchronized (lock) {
      resourceName(namePrefix, "namePrefix");
      List<ScheduleGroup> matching =
          store.groups().stream()
              .filter(g -> namePrefix == null || g.name().startsWith(namePrefix))
              .toList();
      return Page.of(matching, ScheduleGroup::name, maxResults, nextToken);
    }
  }

  /**
   * DeleteScheduleGroup, with every schedule in it.
   *
   * @throws SchedulerException ValidationException (also for {@code default}) or
   *     ResourceNotFoundException
   */
  public void deleteScheduleGroup(String name) {
    synchronized (lock) {
      getScheduleGroup(name);
      if (name.equals(ScheduleGroup.DEFAULT)) {
        throw SchedulerException.validation("The default schedule group cannot be deleted.");
      }
      store.schedules().stream()
          .map(entry -> entry.schedule().key())
          .filter(key -> key.groupName().equals(name))
          .forEach(engine::cancel);
      store.removeGroup(name);
    }
  }
}
