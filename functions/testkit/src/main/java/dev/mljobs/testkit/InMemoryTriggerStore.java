package dev.mljobs.testkit;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.trigger.Trigger;
import dev.mljobs.core.trigger.TriggerCounts;
import dev.mljobs.core.trigger.TriggerJob;
import dev.mljobs.core.trigger.TriggerJobPage;
import dev.mljobs.core.trigger.TriggerNotFoundException;
import dev.mljobs.core.trigger.TriggerStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link TriggerStore} in memory, for tests; {@code TriggerStoreContract} holds it to DynamoDB's.
 */
public final class InMemoryTriggerStore implements TriggerStore {

  private final Map<String, Trigger> triggers = new HashMap<>();
  private final Map<String, Map<String, TriggerJob>> jobs = new HashMap<>();

  private static String key(String owner, String triggerId) {
    return owner + "\n" + triggerId;
  }

  @Override
  public synchronized Trigger create(Trigger t) {
    if (triggers.containsKey(key(t.owner(), t.triggerId()))) {
      throw new IllegalStateException("trigger " + t.triggerId() + " exists");
    }
    Trigger stored = withCounts(t, TriggerCounts.NONE);
    triggers.put(key(t.owner(), t.triggerId()), stored);
    return stored;
  }

  @Override
  public synchronized Optional<Trigger> find(String owner, String triggerId) {
    return Optional.ofNullable(triggers.get(key(owner, triggerId)));
  }

  @Override
  public synchronized List<Trigger> list(String owner) {
    return triggers.values().stream()
        .filter(t -> t.owner().equals(owner))
        .sorted(Comparator.comparing(Trigger::createdAt).thenComparing(Trigger::triggerId))
        .toList();
  }

  @Override
  public synchronized Trigger update(Trigger t) {
    Trigger current = triggers.get(key(t.owner(), t.triggerId()));
    if (current == null) {
      throw new TriggerNotFoundException(t.triggerId());
    }
    Trigger stored = withCounts(t, current.counts());
    triggers.put(key(t.owner(), t.triggerId()), stored);
    return stored;
  }

  @Override
  public synchronized boolean delete(String owner, String triggerId) {
    if (triggers.remove(key(owner, triggerId)) == null) {
      return false;
    }
    jobs.remove(triggerId);
    return true;
  }

  @Override
  public synchronized boolean seen(String triggerId, String objectId) {
    return jobs.getOrDefault(triggerId, Map.of()).containsKey(objectId);
  }

  @Override
  public synchronized boolean record(TriggerJob job) {
    Trigger trigger = triggers.get(key(job.owner(), job.triggerId()));
    if (trigger == null || seen(job.triggerId(), job.objectId())) {
      return false;
    }
    jobs.computeIfAbsent(job.triggerId(), k -> new HashMap<>()).put(job.objectId(), job);
    TriggerCounts c = trigger.counts();
    triggers.put(
        key(job.owner(), job.triggerId()),
        withCounts(trigger, new TriggerCounts(c.objectsSeen() + 1, c.jobsCreated() + 1)));
    return true;
  }

  @Override
  public synchronized TriggerJobPage jobs(
      String owner, String triggerId, ListCursor cursor, int limit) {
    List<TriggerJob> newestFirst = new ArrayList<>();
    for (TriggerJob j : jobs.getOrDefault(triggerId, Map.of()).values()) {
      String sk = ListCursor.sortKey(j.createdAt(), j.jobId().toString());
      if (j.owner().equals(owner) && (cursor == null || sk.compareTo(cursor.sortKey()) < 0)) {
        newestFirst.add(j);
      }
    }
    newestFirst.sort(
        Comparator.comparing(
                (TriggerJob j) -> ListCursor.sortKey(j.createdAt(), j.jobId().toString()))
            .reversed());
    if (newestFirst.size() <= limit) {
      return new TriggerJobPage(newestFirst, null);
    }
    List<TriggerJob> page = newestFirst.subList(0, limit);
    TriggerJob last = page.get(limit - 1);
    return new TriggerJobPage(page, new ListCursor(last.createdAt(), last.jobId().toString()));
  }

  private static Trigger withCounts(Trigger t, TriggerCounts counts) {
    return new Trigger(
        t.triggerId(),
        t.owner(),
        t.name(),
        t.templateId(),
        t.prefix(),
        t.suffixes(),
        t.enabled(),
        t.createdAt(),
        t.updatedAt(),
        counts);
  }
}
