package dev.mljobs.testkit;

import dev.mljobs.core.group.ConcurrentGroupModificationException;
import dev.mljobs.core.group.GroupPage;
import dev.mljobs.core.group.GroupStore;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link GroupStore} in memory, for unit tests; {@link GroupStoreContract} keeps it honest. */
public final class InMemoryGroupStore implements GroupStore {

  private final Map<String, JobGroup> groups = new ConcurrentHashMap<>();

  /** The status last published of each group, and the version it was published at. */
  private final Map<String, JobGroup> published = new ConcurrentHashMap<>();

  @Override
  public synchronized JobGroup create(JobGroup group) {
    if (group.version() != 0) {
      throw new IllegalArgumentException("a new group must have version 0, got " + group.version());
    }
    JobGroup stored = group.atVersion(1);
    if (groups.putIfAbsent(group.groupId(), stored) != null) {
      throw new ConcurrentGroupModificationException(group.groupId(), 0);
    }
    published.put(group.groupId(), stored);
    return stored;
  }

  @Override
  public Optional<JobGroup> find(String groupId) {
    return Optional.ofNullable(groups.get(groupId));
  }

  @Override
  public synchronized JobGroup update(JobGroup group) {
    JobGroup stored = groups.get(group.groupId());
    if (stored == null || stored.version() != group.version()) {
      throw new ConcurrentGroupModificationException(group.groupId(), group.version());
    }
    JobGroup next = group.atVersion(group.version() + 1);
    groups.put(group.groupId(), next);
    return next;
  }

  @Override
  public synchronized Optional<Taken> takeMember(
      String groupId, String owner, UUID jobId, JobStatus status, long jobVersion, Instant now) {
    JobGroup stored = groups.get(groupId);
    if (stored == null || !stored.owner().equals(owner)) {
      return Optional.empty();
    }
    JobGroup next = stored.observe(jobId, status, jobVersion, now);
    if (next == stored) {
      return Optional.empty();
    }
    JobGroup taken = next.atVersion(stored.version() + 1);
    groups.put(groupId, taken);
    return Optional.of(new Taken(taken, published.get(groupId).status()));
  }

  @Override
  public synchronized boolean publish(JobGroup group) {
    JobGroup last = published.get(group.groupId());
    if (last == null || last.status() == group.status() || last.version() >= group.version()) {
      return false;
    }
    published.put(group.groupId(), group);
    return true;
  }

  @Override
  public GroupPage list(String owner, int limit, PageCursor cursor) {
    List<JobGroup> all =
        groups.values().stream()
            .filter(g -> g.owner().equals(owner))
            .filter(g -> cursor == null || sortKey(g).compareTo(cursor.sortKey()) < 0)
            .sorted(Comparator.comparing(InMemoryGroupStore::sortKey).reversed())
            .toList();
    List<JobGroup> page = all.subList(0, Math.min(limit, all.size()));
    JobGroup last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new GroupPage(
        page,
        all.size() > limit
            ? new PageCursor(last.createdAt(), UUID.fromString(last.groupId()))
            : null);
  }

  private static String sortKey(JobGroup g) {
    return PageCursor.sortKey(g.createdAt(), UUID.fromString(g.groupId()));
  }
}
