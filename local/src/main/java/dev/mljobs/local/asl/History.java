package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** An execution's events, appended from every branch's thread. */
final class History {
  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();

  History(Clock clock) {
    this.clock = clock;
  }

  /** Appends an event and answers its id. */
  synchronized long append(HistoryEventType type, ObjectNode details, long previousEventId) {
    long id = events.size() + 1L;
    events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, details));
    return id;
  }

  synchronized List<HistoryEvent> events() {
    return List.copyOf(events);
  }
}
