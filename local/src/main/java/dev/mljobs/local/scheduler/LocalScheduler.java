package dev.mljobs.local.scheduler;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local EventBridge Scheduler: the Scheduler API on {@code http://127.0.0.1:<port>} for the
 * real {@code SchedulerClient} (with an endpoint override), and the engine that fires the schedules
 * into {@link ScheduleTargets}.
 *
 * <pre>{@code
 * try (LocalScheduler scheduler = LocalScheduler.builder(targets).dataDirectory(dir).start()) {
 *   SchedulerClient client = SchedulerClient.builder().endpointOverride(scheduler.endpoint())...
 * }
 * }</pre>
 */
public final class LocalScheduler implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final FiringEngine engine;
  private final Optional<AutoCloseable> ownedTimer;
  private final SchedulerService schedules;
  private final ScheduleGroupService groups;

  private LocalScheduler(Builder builder) throws IOException {
    Clock clock = builder.clock;
    // Bind first: a taken port then fails the start before any thread or timer exists.
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
    ScheduleStore store;
    try {
      store = new ScheduleStore(builder.dataDirectory, clock.instant());
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
    ExecutorFireTimer realTimer = builder.timer == null ? new ExecutorFireTimer(clock) : null;
    FireTimer timer = realTimer == null ? builder.timer : realTimer;
    this.ownedTimer = Optional.ofNullable(realTimer);
    InvocationDispatcher dispatcher =
        new InvocationDispatcher(builder.targets, clock, timer, builder.maxBackoff);
    this.engine = new FiringEngine(store, clock, timer, dispatcher);
    Object lock = new Object();
    this.schedules = new SchedulerService(lock, store, engine, clock);
    this.groups = new ScheduleGroupService(lock, store, engine, clock);
    this.httpThreads = Executors.newFixedThreadPool(4, LocalScheduler::daemon);
    server.createContext("/", new SchedulerHttpHandler(schedules, groups));
    server.setExecutor(httpThreads);
    engine.start();
    server.start();
  }

  /**
   * A builder for an emulator that delivers to {@code targets}, on real time, in memory only, on a
   * free port.
   */
  public static Builder builder(ScheduleTargets targets) {
    return new Builder(targets);
  }

  /** Where the SDK's endpoint override must point, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The schedule operations, for callers in the same JVM. */
  public SchedulerService schedules() {
    return schedules;
  }

  /** The schedule group operations, for callers in the same JVM. */
  public ScheduleGroupService groups() {
    return groups;
  }

  /** Stops serving and firing; what is stored stays in the data directory for the next start. */
  @Override
  public void close() {
    server.stop(0);
    httpThreads.shutdownNow();
    engine.stop();
    ownedTimer.ifPresent(LocalScheduler::closeQuietly);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "local-scheduler-http");
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the scheduler's timer", e);
    }
  }

  /** How to start a {@link LocalScheduler}. */
  public static final class Builder {
    private final ScheduleTargets targets;
    private Optional<Path> dataDirectory = Optional.empty();
    private int port;
    private Clock clock = Clock.systemUTC();
    private FireTimer timer;
    private Duration maxBackoff = Duration.ofMinutes(1);

    private Builder(ScheduleTargets targets) {
      this.targets = Objects.requireNonNull(targets, "targets must not be null");
    }

    /** Keeps schedules in {@code directory}, so that the next start finds them. */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Optional.of(directory);
      return this;
    }

    /** Listens on {@code port}; 0 (the default) takes a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Runs on a clock and timer of the caller's, e.g. a test's hand-moved time. Both must tell the
     * same time; the default is real time.
     */
    public Builder time(Clock clock, FireTimer timer) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      this.timer = Objects.requireNonNull(timer, "timer must not be null");
      return this;
    }

    /**
     * Bounds the wait between two delivery attempts (default one minute); waits double from one
     * second up to it.
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
      return this;
    }

    /**
     * Loads the data directory, plans every schedule and starts serving.
     *
     * @throws UncheckedIOException if the port cannot be bound or the data cannot be read
     */
    public LocalScheduler start() {
      try {
        return new LocalScheduler(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the local scheduler", e);
      }
    }
  }
}
