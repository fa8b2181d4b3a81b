package dev.mljobs.local.scheduler;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schedules and groups, in memory and, given a data directory, in {@code scheduler.json} there,
 * rewritten atomically on every change so that a restart finds them.
 */
final class ScheduleStore {

  private final Optional<AtomicJsonFile> file;
  private final Map<String, ScheduleGroup> groups = new TreeMap<>();
  private final Map<ScheduleKey, Entry> schedules = new TreeMap<>();

  /**
   * A stored schedule with what only the emulator needs of it.
   *
   * @param clientToken the token of the create that made it, to answer a retried create, or null
   * @param lastInvocation when a one-time schedule last fired, so it never fires twice, or null
   */
  record Entry(
      @JsonProperty("Schedule") StoredSchedule schedule,
      @JsonProperty("ClientToken") String clientToken,
      @JsonProperty("LastInvocation") Instant lastInvocation) {

    Entry {
      Objects.requireNonNull(schedule, "schedule must not be null");
    }

    Entry invokedAt(Instant fireTime) {
      return new Entry(schedule, clientToken, fireTime);
    }
  }

  private record Snapshot(
      @JsonProperty("ScheduleGroups") List<ScheduleGroup> groups,
      @JsonProperty("Schedules") List<Entry> schedules) {}

  /**
   * Loads what the data directory holds, or starts empty but for the {@code default} group.
   *
   * @param dataDirectory where to keep the file, or empty to keep nothing on disk
   * @param now the creation date of a new {@code default} group
   * @throws java.io.UncheckedIOException if the file exists but cannot be read
   */
  ScheduleStore(Optional<Path> dataDirectory, Instant now) {
    this.file =
        dataDirectory.map(
            dir -> new AtomicJsonFile(dir.resolve("scheduler.json"), SchedulerJson.MAPPER));
    file.flatMap(f -> f.read(Snapshot.class))
        .ifPresentOrElse(
            snapshot -> {
              snapshot.groups().forEach(g -> groups.put(g.name(), g));
              snapshot.schedules().forEach(e -> schedules.put(e.schedule().key(), e));
            },
            () ->
                groups.put(
                    ScheduleGroup.DEFAULT, new ScheduleGroup(ScheduleGroup.DEFAULT, now, now)));
  }

  synchronized Optional<Entry> schedule(ScheduleKey key) {
    return Optional.ofNullable(schedules.get(key));
  }

  /** All schedules, ordered by group and name. */
  synchronized List<Entry> schedules() {
    return List.copyOf(schedules.values());
  }

  synchronized void put(Entry entry) {
    schedules.put(entry.schedule().key(), entry);
    save();
  }

  synchronized Optional<Entry> remove(ScheduleKey key) {
    Optional<Entry> removed = Optional.ofNullable(schedules.remove(key));
    removed.ifPresent(e -> save());
    return removed;
  }

  synchronized Optional<ScheduleGroup> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  /** All groups, ordered by name. */
  synchronized List<ScheduleGroup> groups() {
    return List.copyOf(groups.values());
  }

  synchronized void put(ScheduleGroup group) {
    groups.put(group.name(), group);
    save();
  }

  /** Removes the group and every schedule in it. */
  synchronized void removeGroup(String name) {
    groups.remove(name);
    schedules.keySet().removeIf(key -> key.groupName().equals(name));
    save();
  }

  private void save() {
    file.ifPresent(
        f ->
            f.write(
                new Snapshot(
                    new ArrayList<>(groups.values()), new ArrayList<>(schedules.values()))));
  }
}
