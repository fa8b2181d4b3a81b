package dev.mljobs.core.group;

import dev.mljobs.core.Clock;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.job.PageCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The use cases of groups: create, read, list, cancel, reorder, and take a member's status change.
 * A member's change is taken by the store alone ({@link GroupStore#takeMember}: once, and without
 * conflicting with other members'); other writes (cancel, reorder) are conditional on the version
 * read and retried from a fresh read after a lost race. What a group does with its members ({@link
 * JobGroup#plan}) is done by {@link MemberActions}, and what that did is taken back by the group.
 */
public final class GroupService {

  /** Cancel and reorder race with members' changes; each retry reads the group again. */
  private static final int MAX_WRITE_TRIES = 25;

  /** Changes of members made by this thread's own actions are written back by the action. */
  private static final ThreadLocal<Boolean> ACTING = ThreadLocal.withInitial(() -> false);

  private final GroupStore store;
  private final JobStore jobs;
  private final MemberActions actions;
  private final GroupEvents events;
  private final Clock clock;
  private final Supplier<UUID> ids;

  /**
   * @param jobEvents where released and skipped members' changes are published
   */
  public GroupService(
      GroupStore store,
      JobStore jobs,
      JobService jobService,
      JobQueue queue,
      JobEvents jobEvents,
      GroupEvents events,
      Clock clock,
      Supplier<UUID> ids) {
    this.store = store;
    this.jobs = jobs;
    this.actions = new MemberActions(jobs, jobService, queue, jobEvents, clock);
    this.events = events;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Stores every member as a job of the new group, then the group, then releases what its mode
   * allows. Members are stored first: a crash in between leaves jobs no group lists, rather than a
   * group waiting for jobs that do not exist. A parallel group's members are stored queued and
   * their messages sent once the group exists, so that no member's change can miss its group; a
   * message that is not sent is sent by the reconciler, as for any queued job.
   */
  public JobGroup create(NewGroup request) {
    String groupId = ids.get().toString();
    boolean parallel = request.mode() == GroupMode.PARALLEL;
    List<Job> stored = new ArrayList<>();
    for (NewJob job : request.jobs()) {
      Job pending = Job.create(job.withGroupId(groupId), ids.get(), clock.now());
      stored.add(jobs.create(parallel ? pending.enqueue(clock.now()) : pending).job());
    }
    JobGroup group =
        store.create(
            JobGroup.of(
                groupId,
                request.name(),
                request.mode(),
                request.stopOnFailure(),
                stored.stream()
                    .map(j -> new GroupMember(j.jobId(), j.status(), j.version()))
                    .toList(),
                request.owner(),
                clock.now()));
    events.statusChanged(group);
    if (parallel) {
      stored.forEach(actions::released);
    }
    return advance(group);
  }

  /** The group, if it exists and belongs to {@code owner}; another owner's does not exist. */
  public Optional<JobGroup> find(String owner, String groupId) {
    return store.find(groupId).filter(g -> g.owner().equals(owner));
  }

  public GroupPage list(String owner, int limit, PageCursor cursor) {
    return store.list(owner, limit, cursor);
  }

  /**
   * Cancels the group and every member not yet ended.
   *
   * @return empty when the owner has no such group
   */
  public Optional<JobGroup> cancel(String owner, String groupId) {
    return write(owner, groupId, g -> g.cancel(clock.now())).map(this::advance);
  }

  /**
   * Puts the members not yet started in {@code order}.
   *
   * @throws GroupConflictException when {@code order} names a started member or is not a
   *     permutation of the others
   */
  public Optional<JobGroup> reorder(String owner, String groupId, List<UUID> order) {
    return write(owner, groupId, g -> g.reorder(order));
  }

  /**
   * A member's job changed status: the group takes the change once, then does what follows from it
   * (in a sequential group, the next member is released only here, when the previous one ended). A
   * change taken before is not taken again, but what follows from the group as it is, is done
   * (idempotently): a step retried after a crash between the two finishes the work. A job that is
   * no member of the group it names changes nothing.
   */
  public void memberChanged(Job job) {
    if (ACTING.get()) {
      return; // this thread's own action on a member: it writes the change back itself
    }
    Optional<GroupStore.Taken> taken =
        store.takeMember(
            job.groupId(), job.owner(), job.jobId(), job.status(), job.version(), clock.now());
    if (taken.isPresent()) {
      announce(taken.get());
      advance(taken.get().group());
    } else {
      find(job.owner(), job.groupId())
          .filter(g -> g.members().stream().anyMatch(m -> m.jobId().equals(job.jobId())))
          .ifPresent(this::advance);
    }
  }

  /** Does what the group's plan says until nothing is left to do, writing each outcome back. */
  private JobGroup advance(JobGroup group) {
    JobGroup current = group;
    for (int round = 0; round < 3; round++) {
      JobGroup.Plan plan = current.plan();
      if (plan.isEmpty()) {
        return current;
      }
      List<Job> changed;
      ACTING.set(true);
      try {
        changed = actions.apply(current, plan);
      } finally {
        ACTING.set(false);
      }
      JobGroup latest = null; // the group as the last change taken left it, members and all
      for (Job j : changed) {
        Optional<GroupStore.Taken> taken =
            store.takeMember(
                current.groupId(),
                current.owner(),
                j.jobId(),
                j.status(),
                j.version(),
                clock.now());
        if (taken.isPresent()) {
          announce(taken.get());
          latest = taken.get().group();
        }
      }
      current = latest != null ? latest : find(current.owner(), current.groupId()).orElse(current);
    }
    return current;
  }

  /** Announces the group's status if it changed since the last announcement, once. */
  private void announce(GroupStore.Taken taken) {
    if (taken.group().status() != taken.published() && store.publish(taken.group())) {
      events.statusChanged(taken.group());
    }
  }

  /**
   * Writes {@code change} of the owner's group, from a fresh read after each lost race; a change
   * that returns the same group writes nothing.
   *
   * @return the group as stored, or empty when the owner has no such group
   */
  private Optional<JobGroup> write(String owner, String groupId, UnaryOperator<JobGroup> change) {
    for (int attempt = 1; ; attempt++) {
      Optional<JobGroup> found = find(owner, groupId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      JobGroup next = change.apply(found.get());
      if (next == found.get()) {
        return found;
      }
      try {
        JobGroup stored = store.update(next);
        if (store.publish(stored)) {
          events.statusChanged(stored);
        }
        return Optional.of(stored);
      } catch (ConcurrentGroupModificationException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
        pause(attempt);
      }
    }
  }

  /** A short random pause, so that members ending at once do not keep colliding. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
