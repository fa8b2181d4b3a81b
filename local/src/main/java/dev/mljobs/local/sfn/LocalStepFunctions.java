package dev.mljobs.local.sfn;

import com.sun.net.httpserver.HttpServer;
import dev.mljobs.local.asl.AslInterpreter;
import dev.mljobs.local.asl.TaskHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Step Functions API on 127.0.0.1, for the real {@code SfnClient} with an endpoint override:
 * state machines and executions, run by the project's ASL interpreter. Task states go to the given
 * {@link TaskHandler}.
 *
 * <p>With a data directory, state machines and executions are kept under {@code DIR/stepfunctions/}
 * and outlive the process. Executions that were running when it ended (closed or crashed) are run
 * again from the beginning when the next one starts, with the same ARN, name and input, and an
 * ExecutionRedriven event in their history; this is safe because the workflow's tasks are
 * idempotent by design. Ended executions are kept for a day, at most the newest 10,000.
 *
 * <pre>{@code
 * try (LocalStepFunctions sfn = new LocalStepFunctions(0, tasks, dataDir)) {
 *   SfnClient client = SfnClient.builder().endpointOverride(sfn.endpoint())...build();
 * }
 * }</pre>
 */
public final class LocalStepFunctions implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final AslInterpreter interpreter;
  private final Executions executions;

  /**
   * Starts the service with nothing kept: it starts empty every time.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param tasks does the work of Task states
   * @throws IOException when the port cannot be bound
   */
  public LocalStepFunctions(int port, TaskHandler tasks) throws IOException {
    this(port, tasks, Store.NONE, Executions.Retention.DEFAULT);
  }

  /**
   * Starts the service keeping its state under {@code dataDirectory/stepfunctions/}, resuming what
   * an earlier service left there.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param tasks does the work of Task states
   * @param dataDirectory created if missing
   * @throws IOException when the port cannot be bound
   * @throws UncheckedIOException when the data directory cannot be created or read
   */
  public LocalStepFunctions(int port, TaskHandler tasks, Path dataDirectory) throws IOException {
    this(port, tasks, new FileStore(dataDirectory), Executions.Retention.DEFAULT);
  }

  /** With its own retention of ended executions, for tests. */
  LocalStepFunctions(int port, TaskHandler tasks, Path dataDirectory, Executions.Retention keep)
      throws IOException {
    this(port, tasks, new FileStore(dataDirectory), keep);
  }

  private LocalStepFunctions(int port, TaskHandler tasks, Store store, Executions.Retention keep)
      throws IOException {
    Clock clock = Clock.systemUTC();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    this.httpThreads = Executors.newFixedThreadPool(16, daemonThreads());
    this.interpreter = AslInterpreter.builder(tasks).clock(clock).build();
    this.executions = new Executions(interpreter, store, clock, keep);
    try {
      StateMachines machines = new StateMachines(store, clock);
      executions.resume();
      Map<String, Operation> operations = new HashMap<>();
      new StateMachineApi(machines, executions, clock).addTo(operations);
      new ExecutionApi(machines, executions).addTo(operations);
      server.createContext("/", new AwsJsonEndpoint(operations));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    server.setExecutor(httpThreads);
    server.start();
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The URI to give the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Stops serving and stops running executions without recording their end, so that a service
   * started later on the same data directory runs them again, as after a crash.
   */
  @Override
  public void close() {
    server.stop(0);
    executions.close();
    interpreter.close();
    httpThreads.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sfn-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
