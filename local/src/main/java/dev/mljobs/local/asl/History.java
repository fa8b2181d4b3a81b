package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** An execution's events, appended from every branch's thread. */
final class History {
  /** AWS fails an execution whose history reaches 25,000 events; so does an endless loop here. */
  static final int LIMIT = 25_000;

  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();

  History(Clock clock) {
    this.clock = clock;
  }

  /**
   * Appends an event and answers its id.
   *
   * @throws StatesError States.Runtime when the history is full (the event that ends the execution
   *     is still recorded)
   */
  synchronized long append(HistoryEventType type, ObjectNode details, long previousEventId) {
    if (events.size() >= LIMIT && !type.apiName().startsWith("Execution")) {
      throw StatesError.runtime("The execution history reached its limit of " + LIMIT + " events");
    }
    long id = events.size() + 1L;
    events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, details));
    return id;
  }

  synchronized List<HistoryEvent> events() {
    return List.copyOf(events);
  }
}
