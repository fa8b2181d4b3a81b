package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One thread of states within an execution (the machine itself, a Parallel branch, a Map
 * iteration): it links each event it records to the one it recorded before.
 */
final class Lane {
  private final History history;
  private long lastEventId;

  Lane(History history, long lastEventId) {
    this.history = history;
    this.lastEventId = lastEventId;
  }

  void record(HistoryEventType type, ObjectNode details) {
    lastEventId = history.append(type, details == null ? Json.object() : details, lastEventId);
  }

  /** A lane for a branch that starts after this lane's last event. */
  Lane fork() {
    return new Lane(history, lastEventId);
  }
}
