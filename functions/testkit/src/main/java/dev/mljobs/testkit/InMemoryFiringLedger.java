package dev.mljobs.testkit;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringLedger;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link FiringLedger} in a map; {@link FiringLedgerContract} keeps it honest. */
public final class InMemoryFiringLedger implements FiringLedger {

  private final Map<String, Firing> firings = new HashMap<>();

  @Override
  public synchronized Firing record(Firing firing) {
    Firing first = firings.putIfAbsent(key(firing.scheduleId(), firing.scheduledTime()), firing);
    return first == null ? firing : first;
  }

  @Override
  public synchronized Optional<Firing> find(String scheduleId, Instant scheduledTime) {
    return Optional.ofNullable(firings.get(key(scheduleId, scheduledTime)));
  }

  @Override
  public synchronized Page list(String scheduleId, ListCursor after, int limit) {
    List<Firing> matching =
        firings.values().stream()
            .filter(f -> f.scheduleId().equals(scheduleId))
            .filter(f -> after == null || f.scheduledTime().isBefore(after.at()))
            .sorted(Comparator.comparing(Firing::scheduledTime).reversed())
            .limit(limit + 1L)
            .toList();
    if (matching.size() <= limit) {
      return new Page(matching, null);
    }
    List<Firing> page = matching.subList(0, limit);
    Firing last = page.get(page.size() - 1);
    return new Page(page, new ListCursor(last.scheduledTime(), scheduleId));
  }

  private static String key(String scheduleId, Instant scheduledTime) {
    return scheduleId + '\0' + scheduledTime;
  }
}
