package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.local.asl.AslInterpreter;
import dev.mljobs.local.asl.Execution;
import dev.mljobs.local.asl.ExecutionRequest;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import dev.mljobs.local.asl.InvalidDefinitionException;
import dev.mljobs.local.asl.StateMachineDefinition;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executions the service knows, run by the interpreter and kept in the {@link Store}: each is
 * written when it starts and when it ends. Ended executions are kept as long as {@link Retention}
 * says (AWS keeps them 90 days; a local runtime that runs for weeks must not keep every one).
 */
final class Executions {

  /**
   * How long ended executions are kept: for {@code keepEnded} after they ended, and only the newest
   * {@code maxEnded}. Running executions are always kept.
   */
  record Retention(Duration keepEnded, int maxEnded) {
    static final Retention DEFAULT = new Retention(Duration.ofDays(1), 10_000);
  }

  private final AslInterpreter interpreter;
  private final Store store;
  private final Clock clock;
  private final Map<String, TrackedExecution> byArn = new HashMap<>(); // guarded by this
  private long nextSeq; // guarded by this

  /** Definitions parsed once, not per execution: the last few, by their text. Guarded by this. */
  private final Map<String, StateMachineDefinition> parsed =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StateMachineDefinition> eldest) {
          return size() > 16;
        }
      };

  private boolean closed; // guarded by this
  private final Retention retention;
  private final Deque<TrackedExecution> endedInOrder = new ArrayDeque<>(); // guarded by this

  Executions(AslInterpreter interpreter, Store store, Clock clock, Retention retention) {
    this.interpreter = interpreter;
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Loads the stored executions. Those that were running when the last process ended are run again
   * from the beginning, with the same ARN, name and input: the workflow's tasks are idempotent by
   * design, so a re-run is safe, and it is the only way on, as the interpreter keeps no
   * checkpoints.
   */
  synchronized void resume() {
    List<StoredExecution> all = new ArrayList<>(store.loadExecutions());
    all.sort(Comparator.comparing(e -> e.result() == null ? e.startDate() : e.result().stopDate()));
    for (StoredExecution stored : all) {
      nextSeq = Math.max(nextSeq, stored.seq() + 1);
      if (stored.result() != null) {
        TrackedExecution ended = TrackedExecution.ended(stored);
        byArn.put(stored.executionArn(), ended);
        endedInOrder.add(ended);
        continue;
      }
      StoredExecution again = stored.redriven(ApiJson.millis(clock.instant()));
      try {
        StateMachineDefinition definition = StateMachineDefinition.of(again.definition());
        track(again, interpreter.start(definition, again.request()));
      } catch (InvalidDefinitionException e) { // stored by an interpreter that accepted more
        fail(again, "The definition no longer loads: " + e.getMessage());
      }
    }
    prune();
  }

  /**
   * Starts an execution. A name already used is refused with ExecutionAlreadyExists, except for a
   * running execution given the same input again: that answers the running one (AWS's idempotency
   * for STANDARD state machines).
   *
   * @throws ApiException ExecutionAlreadyExists
   */
  synchronized TrackedExecution start(StateMachine machine, String name, JsonNode input) {
    String arn = Arns.execution(machine.name(), name);
    TrackedExecution existing = byArn.get(arn);
    if (existing != null) {
      if (existing.status() == ExecutionStatus.RUNNING
          && existing.stored().request().input().equals(input)) {
        return existing;
      }
      throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }
    ExecutionRequest request = new ExecutionRequest(machine.arn(), name, input, machine.roleArn());
    StateMachineDefinition definition =
        parsed.computeIfAbsent(machine.definition(), StateMachines::parse);
    Execution live = interpreter.start(definition, request);
    return track(
        StoredExecution.started(
            request, definition.json(), ApiJson.millis(live.startDate()), nextSeq++),
        live);
  }

  /**
   * The execution with this ARN.
   *
   * @throws ApiException InvalidArn or ExecutionDoesNotExist
   */
  synchronized TrackedExecution get(String arn) {
    Arns.checkExecution(arn);
    TrackedExecution execution = byArn.get(arn);
    if (execution == null) {
      throw ApiException.executionDoesNotExist(arn);
    }
    return execution;
  }

  /** The executions of a state machine, newest first, optionally only those with one status. */
  synchronized List<TrackedExecution> list(String machineArn, Optional<String> status) {
    return byArn.values().stream()
        .filter(e -> e.stored().request().stateMachineArn().equals(machineArn))
        .filter(e -> status.isEmpty() || e.status().name().equals(status.get()))
        .sorted(Comparator.comparingLong((TrackedExecution e) -> e.stored().seq()).reversed())
        .toList();
  }

  /**
   * Forgets the executions of a deleted state machine, stopping those still running.
   *
   * @throws InterruptedException when interrupted while waiting for them to stop
   */
  void forget(String machineArn) throws InterruptedException {
    List<TrackedExecution> gone;
    synchronized (this) {
      gone = list(machineArn, Optional.empty());
      gone.forEach(e -> byArn.remove(e.stored().executionArn()));
    }
    for (TrackedExecution execution : gone) {
      execution.stop(null, "The state machine was deleted");
    }
  }

  /**
   * Stops writing: executions still running stay RUNNING in the store, to be run again by the next
   * {@link #resume()}, as after a crash. Call before closing the interpreter, whose close aborts
   * them.
   */
  synchronized void close() {
    closed = true;
  }

  private TrackedExecution track(StoredExecution stored, Execution live) {
    TrackedExecution execution = TrackedExecution.running(stored, live);
    try {
      store.save(stored);
    } catch (UncheckedIOException e) { // not kept, so not started: a retry may start it afresh
      abandon(live);
      throw e;
    }
    byArn.put(stored.executionArn(), execution);
    live.completion().thenRun(() -> ended(execution));
    return execution;
  }

  private static void abandon(Execution live) {
    try {
      live.stop(null, "The execution could not be stored");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail(StoredExecution stored, String cause) {
    ExecutionResult failure =
        new ExecutionResult(
            ExecutionStatus.FAILED,
            null,
            "States.Runtime",
            cause,
            stored.startDate(),
            clock.instant());
    TrackedExecution execution = TrackedExecution.ended(stored.finished(failure, List.of()));
    store.save(execution.stored());
    byArn.put(stored.executionArn(), execution);
    endedInOrder.add(execution);
  }

  private synchronized void ended(TrackedExecution execution) {
    StoredExecution done = execution.finish();
    if (closed || byArn.get(done.executionArn()) != execution) {
      return; // shutting down, or forgotten with its deleted state machine
    }
    try {
      store.save(done);
    } catch (UncheckedIOException e) {
      System.err.println("cannot store the end of " + done.executionArn() + ": " + e.getCause());
    }
    endedInOrder.add(execution);
    prune();
  }

  /** Forgets the ended executions that {@link #retention} no longer keeps, oldest first. */
  private void prune() {
    Instant cutoff = clock.instant().minus(retention.keepEnded());
    while (!endedInOrder.isEmpty()) {
      TrackedExecution oldest = endedInOrder.peek();
      StoredExecution stored = oldest.stored();
      if (byArn.get(stored.executionArn()) != oldest) {
        endedInOrder.poll(); // forgotten with its state machine
        continue;
      }
      boolean tooMany = endedInOrder.size() > retention.maxEnded();
      if (!tooMany && !stored.result().stopDate().isBefore(cutoff)) {
        return;
      }
      endedInOrder.poll();
      byArn.remove(stored.executionArn());
      try {
        store.delete(stored);
      } catch (UncheckedIOException e) {
        System.err.println("cannot delete " + stored.executionArn() + ": " + e.getCause());
      }
    }
  }
}
