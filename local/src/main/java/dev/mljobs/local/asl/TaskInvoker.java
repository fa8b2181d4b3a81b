package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task attempt on a thread of its own, so that TimeoutSeconds, HeartbeatSeconds and a
 * stopped execution can end the wait however the handler behaves: the handler's thread is
 * interrupted and given {@link RunServices#cancelGrace()} to finish.
 */
final class TaskInvoker {
  private final RunServices services;

  TaskInvoker(RunServices services) {
    this.services = services;
  }

  JsonNode invoke(TaskRequest request, int timeoutSeconds, int heartbeatSeconds, Lane lane)
      throws InterruptedException {
    String resource = request.resource();
    Call call = new Call(request);
    Thread thread = services.threads().newThread(call);
    lane.record(HistoryEventType.TASK_STARTED, EventDetails.task(resource));
    long started = System.nanoTime();
    call.lastBeat = started;
    thread.start();
    try {
      JsonNode result = await(call, started, timeoutSeconds, heartbeatSeconds);
      lane.record(HistoryEventType.TASK_SUCCEEDED, EventDetails.taskSucceeded(resource, result));
      return result;
    } catch (StatesError error) {
      boolean timedOut =
          StatesError.TIMEOUT.equals(error.error())
              || StatesError.HEARTBEAT_TIMEOUT.equals(error.error());
      HistoryEventType type =
          timedOut ? HistoryEventType.TASK_TIMED_OUT : HistoryEventType.TASK_FAILED;
      lane.record(type, EventDetails.taskError(resource, error));
      throw error;
    } finally {
      if (!call.result.isDone()) {
        call.cancelled = true;
        thread.interrupt();
        thread.join(services.cancelGrace().toMillis() + 1);
      }
    }
  }

  private JsonNode await(Call call, long started, int timeoutSeconds, int heartbeatSeconds)
      throws InterruptedException {
    long timeoutAt = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long heartbeat = TimeUnit.SECONDS.toNanos(heartbeatSeconds);
    while (true) {
      long now = System.nanoTime();
      long wait = Long.MAX_VALUE;
      if (timeoutSeconds > 0) {
        wait = timeoutAt - now;
        if (wait <= 0) {
          throw new StatesError(
              StatesError.TIMEOUT, "Task timed out after " + timeoutSeconds + " s");
        }
      }
      if (heartbeatSeconds > 0) {
        long beatWait = call.lastBeat + heartbeat - now;
        if (beatWait <= 0) {
          throw new StatesError(
              StatesError.HEARTBEAT_TIMEOUT, "No heartbeat for " + heartbeatSeconds + " s");
        }
        wait = Math.min(wait, beatWait);
      }
      try {
        return call.result.get(wait, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // a deadline may have passed (or a heartbeat moved it): look again
      } catch (ExecutionException e) {
        throw asStatesError(e.getCause());
      }
    }
  }

  private static StatesError asStatesError(Throwable failure) {
    if (failure instanceof StatesError error) {
      return error;
    }
    return new StatesError(failure.getClass().getName(), failure.getMessage());
  }

  /** The handler's side of one attempt. */
  private final class Call implements Runnable, TaskContext {
    private final TaskRequest request;
    private final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    private volatile long lastBeat;
    private volatile boolean cancelled;

    Call(TaskRequest request) {
      this.request = request;
    }

    @Override
    public void run() {
      try {
        JsonNode value = services.tasks().execute(request, this);
        result.complete(value == null ? NullNode.getInstance() : value);
      } catch (Throwable failure) { // any failure of the handler is the task's failure
        result.completeExceptionally(failure);
      }
    }

    @Override
    public void heartbeat() {
      lastBeat = System.nanoTime();
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
