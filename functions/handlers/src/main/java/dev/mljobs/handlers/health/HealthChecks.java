package dev.mljobs.handlers.health;

import dev.mljobs.core.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Checks every dependency at once, each within a deadline, and keeps the report for a few seconds:
 * {@code GET /health} needs no credentials, so a flood of calls must not become a flood of AWS
 * calls (at most one round of checks per {@code cacheFor} per function instance).
 */
public final class HealthChecks {

  private final List<DependencyCheck> checks;
  private final Duration deadline;
  private final Duration cacheFor;
  private final Clock clock;
  private final ExecutorService pool;
  private HealthReport last;
  private Instant lastAt;

  public HealthChecks(
      List<DependencyCheck> checks, Duration deadline, Duration cacheFor, Clock clock) {
    this.checks = List.copyOf(checks);
    this.deadline = deadline;
    this.cacheFor = cacheFor;
    this.clock = clock;
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "health-check");
              t.setDaemon(true);
              return t;
            });
  }

  /** Checks nothing: the API alone, as the handler's unit tests build it. */
  public static HealthChecks none(Clock clock) {
    return new HealthChecks(List.of(), Duration.ofSeconds(1), Duration.ZERO, clock);
  }

  /** The latest report, checked again once it is older than {@code cacheFor}. */
  public synchronized HealthReport report() {
    Instant now = clock.now();
    if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
      last = checkAll();
      lastAt = now;
    }
    return last;
  }

  private HealthReport checkAll() {
    Map<String, CompletableFuture<HealthReport.Dependency>> running = new LinkedHashMap<>();
    for (DependencyCheck check : checks) {
      running.put(check.name(), CompletableFuture.supplyAsync(() -> timed(check), pool));
    }
    Map<String, HealthReport.Dependency> results = new LinkedHashMap<>();
    long limit = System.nanoTime() + deadline.toNanos();
    running.forEach(
        (name, future) -> {
          try {
            long left = Math.max(0, limit - System.nanoTime());
            results.put(name, future.get(left, TimeUnit.NANOSECONDS));
          } catch (TimeoutException e) {
            future.cancel(true);
            results.put(name, new HealthReport.Dependency(false, deadline.toMillis(), "timed out"));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.put(name, new HealthReport.Dependency(false, 0, "interrupted"));
          } catch (ExecutionException e) {
            results.put(name, new HealthReport.Dependency(false, 0, "unreachable"));
          }
        });
    return new HealthReport(results);
  }

  private static HealthReport.Dependency timed(DependencyCheck check) {
    long start = System.nanoTime();
    try {
      check.probe().call();
      return new HealthReport.Dependency(true, millisSince(start), null);
    } catch (AwsServiceException e) {
      // the error code says what is wrong (AccessDenied, ResourceNotFoundException) without names
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return new HealthReport.Dependency(
          false, millisSince(start), code == null ? "HTTP " + e.statusCode() : code);
    } catch (Exception e) {
      return new HealthReport.Dependency(false, millisSince(start), "unreachable");
    }
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
