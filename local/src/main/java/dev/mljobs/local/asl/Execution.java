package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running (or finished) execution of a state machine, on a thread of its own. Stopping it
 * interrupts whatever it is doing, Task handlers included, and waits until it has ended.
 */
public final class Execution {
  private final ExecutionRequest request;
  private final RunServices services;
  private final Instant startDate;
  private final History history;
  private final Thread thread;
  private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
  private ExecutionResult stopRequest; // guarded by this
  private boolean finished; // guarded by this

  Execution(StateMachineDefinition definition, ExecutionRequest request, RunServices services) {
    this.request = request;
    this.services = services;
    this.startDate = services.clock().instant();
    this.history = new History(services.clock());
    GraphRunner graphs = new GraphRunner(services, request, new ContextObject(request, startDate));
    this.thread = services.threads().newThread(() -> main(definition.graph(), graphs));
  }

  void start() {
    history.append(
        HistoryEventType.EXECUTION_STARTED,
        EventDetails.executionStarted(
            request.input(), request.roleArn(), request.stateMachineArn()),
        0);
    thread.start();
  }

  private void main(StateGraph graph, GraphRunner graphs) {
    Lane lane = new Lane(history, 1);
    ExecutionResult natural = null;
    try {
      JsonNode output = graphs.run(graph, request.input(), lane);
      natural = ExecutionResult.succeeded(output, startDate, now());
    } catch (StatesError error) {
      natural = ended(ExecutionStatus.FAILED, error.error(), error.cause());
    } catch (InterruptedException stopped) {
      // only a stop interrupts this thread, and its request holds the result
    } catch (RuntimeException bug) { // an interpreter bug must not leave the execution running
      natural = ended(ExecutionStatus.FAILED, StatesError.RUNTIME, "Interpreter failure: " + bug);
    } finally {
      finish(natural, lane);
    }
  }

  private void finish(ExecutionResult natural, Lane lane) {
    ExecutionResult end;
    synchronized (this) {
      end = stopRequest != null ? stopRequest : natural;
      finished = true;
    }
    if (end == null) {
      end = ended(ExecutionStatus.ABORTED, null, "interrupted from outside the interpreter");
    }
    switch (end.status()) {
      case SUCCEEDED ->
          lane.record(HistoryEventType.EXECUTION_SUCCEEDED, EventDetails.output(end.output()));
      case FAILED ->
          lane.record(
              HistoryEventType.EXECUTION_FAILED, EventDetails.error(end.error(), end.cause()));
      case TIMED_OUT ->
          lane.record(
              HistoryEventType.EXECUTION_TIMED_OUT, EventDetails.error(end.error(), end.cause()));
      default ->
          lane.record(
              HistoryEventType.EXECUTION_ABORTED, EventDetails.error(end.error(), end.cause()));
    }
    result.complete(end);
  }

  /**
   * Ends the execution as ABORTED (StopExecution), unless it has already ended, and waits until it
   * has.
   *
   * @param error optional error name to record
   * @param cause optional cause to record
   * @return how the execution ended (not ABORTED if it had ended before)
   * @throws InterruptedException when interrupted while waiting
   */
  public ExecutionResult stop(String error, String cause) throws InterruptedException {
    requestStop(ExecutionStatus.ABORTED, error, cause);
    return await();
  }

  /** Ends the execution with {@code status} if it is still running; does not wait. */
  void requestStop(ExecutionStatus status, String error, String cause) {
    synchronized (this) {
      if (finished || stopRequest != null) {
        return;
      }
      stopRequest = ended(status, error, cause);
    }
    thread.interrupt();
  }

  /**
   * Waits for the execution to end.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public ExecutionResult await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the result is only ever completed normally", e);
    }
  }

  /**
   * Waits at most {@code timeout} for the execution to end.
   *
   * @return the result, or empty if it is still running
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<ExecutionResult> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the result is only ever completed normally", e);
    }
  }

  /** Completes when the execution ends. */
  public CompletionStage<ExecutionResult> completion() {
    return result.minimalCompletionStage();
  }

  /** The result, if the execution has ended. */
  public Optional<ExecutionResult> result() {
    return Optional.ofNullable(result.getNow(null));
  }

  public ExecutionStatus status() {
    return result().map(ExecutionResult::status).orElse(ExecutionStatus.RUNNING);
  }

  /** The events so far, oldest first. */
  public List<HistoryEvent> history() {
    return history.events();
  }

  public ExecutionRequest request() {
    return request;
  }

  public String executionArn() {
    return request.executionArn();
  }

  public Instant startDate() {
    return startDate;
  }

  private ExecutionResult ended(ExecutionStatus status, String error, String cause) {
    return ExecutionResult.ended(status, error, cause, startDate, now());
  }

  private Instant now() {
    Instant now = services.clock().instant();
    return now.isBefore(startDate) ? startDate : now;
  }
}
