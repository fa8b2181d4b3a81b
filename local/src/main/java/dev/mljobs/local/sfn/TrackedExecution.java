package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.Execution;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import dev.mljobs.local.asl.HistoryEvent;
import java.util.List;
import java.util.Optional;

/**
 * An execution the service knows: its stored form, and while it runs in this process, the
 * interpreter's live {@link Execution}.
 */
final class TrackedExecution {
  // Written in this order by finish() and read in the other order, so a reader that finds no live
  // run finds the stored result.
  private volatile StoredExecution stored;
  private volatile Execution live;

  private TrackedExecution(StoredExecution stored, Execution live) {
    this.stored = stored;
    this.live = live;
  }

  /** An execution that ended before this process started. */
  static TrackedExecution ended(StoredExecution stored) {
    if (stored.result() == null) {
      throw new IllegalArgumentException("an ended execution has a result");
    }
    return new TrackedExecution(stored, null);
  }

  /** An execution running in this process, as {@code live}. */
  static TrackedExecution running(StoredExecution stored, Execution live) {
    if (stored.result() != null) {
      throw new IllegalArgumentException("a running execution has no result yet");
    }
    return new TrackedExecution(stored, live);
  }

  StoredExecution stored() {
    return stored;
  }

  ExecutionStatus status() {
    return result().map(ExecutionResult::status).orElse(ExecutionStatus.RUNNING);
  }

  /** How it ended, dated from its first start, or empty while it runs. */
  Optional<ExecutionResult> result() {
    Execution run = live;
    if (run == null) {
      return Optional.of(stored.result());
    }
    return run.result().map(end -> stored.finished(end, List.of()).result());
  }

  /** Its events so far in the API's JSON, oldest first. */
  List<ObjectNode> history() {
    Execution run = live;
    return run == null ? stored.history() : historyOf(run);
  }

  /**
   * Stops it as ABORTED (if still running) and waits until it has ended.
   *
   * @return how it ended
   * @throws InterruptedException when interrupted while waiting
   */
  ExecutionResult stop(String error, String cause) throws InterruptedException {
    Execution run = live;
    if (run != null) {
      run.stop(error, cause);
    }
    return result().orElseThrow();
  }

  /**
   * Takes the ended live run's result and history into the stored form and lets go of the run.
   *
   * @return the stored form to write
   */
  StoredExecution finish() {
    Execution run = live;
    ExecutionResult end = run.result().orElseThrow();
    stored = stored.finished(end, historyOf(run));
    live = null;
    return stored;
  }

  private List<ObjectNode> historyOf(Execution run) {
    List<HistoryEvent> events = run.history();
    StoredExecution current = stored;
    if (current.redriveCount() == 0) {
      return events.stream().map(HistoryEvent::toJson).toList();
    }
    return Histories.redriven(
        events, current.startDate(), current.redriveCount(), current.redriveDate());
  }
}
