package dev.mljobs.local.asl;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Runs Amazon States Language state machines in this JVM. Task states go to the {@link
 * TaskHandler}; Wait states and retry delays go to the {@link Sleeper}.
 *
 * <pre>{@code
 * try (AslInterpreter asl = AslInterpreter.builder(handler).build()) {
 *   Execution execution = asl.start(StateMachineDefinition.parse(json), ExecutionRequest.of(input));
 *   ExecutionResult result = execution.await();
 * }
 * }</pre>
 */
public final class AslInterpreter implements AutoCloseable {
  private final RunServices services;
  private final ScheduledExecutorService timeouts;
  private final Set<Execution> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private AslInterpreter(RunServices services) {
    this.services = services;
    this.timeouts = Executors.newSingleThreadScheduledExecutor(services.threads());
  }

  public static Builder builder(TaskHandler tasks) {
    return new Builder(tasks);
  }

  /**
   * Starts an execution on its own thread and returns at once.
   *
   * @throws IllegalStateException when the interpreter is closed
   */
  public Execution start(StateMachineDefinition definition, ExecutionRequest request) {
    if (closed) {
      throw new IllegalStateException("the interpreter is closed");
    }
    Execution execution = new Execution(definition, request, services);
    running.add(execution);
    execution.completion().thenRun(() -> running.remove(execution));
    definition.timeout().ifPresent(limit -> timeOut(execution, limit));
    execution.start();
    return execution;
  }

  /** The execution-level TimeoutSeconds: a timer that ends the execution as TIMED_OUT. */
  private void timeOut(Execution execution, Duration limit) {
    String cause = "The execution ran longer than its TimeoutSeconds (" + limit.toSeconds() + " s)";
    ScheduledFuture<?> timer =
        timeouts.schedule(
            () -> execution.requestStop(ExecutionStatus.TIMED_OUT, StatesError.TIMEOUT, cause),
            limit.toNanos(),
            TimeUnit.NANOSECONDS);
    execution.completion().thenRun(() -> timer.cancel(false));
  }

  /**
   * Runs an execution to its end on the calling thread's behalf.
   *
   * @throws InterruptedException when interrupted while waiting (the execution goes on)
   */
  public ExecutionResult run(StateMachineDefinition definition, ExecutionRequest request)
      throws InterruptedException {
    return start(definition, request).await();
  }

  /** Stops every running execution (ABORTED), waits for them, and releases the timer thread. */
  @Override
  public void close() {
    closed = true;
    timeouts.shutdownNow();
    try {
      for (Execution execution : List.copyOf(running)) {
        execution.stop(null, "The interpreter was closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Options of an {@link AslInterpreter}; each has a default fit for real runs. */
  public static final class Builder {
    private final TaskHandler tasks;
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threads = daemonThreads();
    private Duration cancelGrace = Duration.ofSeconds(2);
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(TaskHandler tasks) {
      this.tasks = tasks;
    }

    /** How Wait states and retry delays wait; default: really sleep. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    /** The clock for timestamps and Wait-until times; default: system UTC. */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** Makes the execution, branch and task threads; default: daemon threads named asl-N. */
    public Builder threads(ThreadFactory value) {
      this.threads = value;
      return this;
    }

    /** How long an interrupted task handler may take to return; default 2 s. */
    public Builder cancelGrace(Duration value) {
      this.cancelGrace = value;
      return this;
    }

    /** Values in [0, 1) for retry jitter; default: a thread-local random. */
    public Builder random(DoubleSupplier value) {
      this.random = value;
      return this;
    }

    public AslInterpreter build() {
      return new AslInterpreter(
          new RunServices(tasks, sleeper, clock, threads, cancelGrace, random));
    }

    private static ThreadFactory daemonThreads() {
      AtomicLong count = new AtomicLong();
      return runnable -> {
        Thread thread = new Thread(runnable, "asl-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
