package dev.mljobs.testkit;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.Workflows;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link Workflows} that remembers starts and stops, with one workflow per job as the port says,
 * and can be told to be unreachable (every call throws) or that stopping fails.
 */
public final class RecordingWorkflows implements Workflows {

  private final Map<UUID, Boolean> running = new ConcurrentHashMap<>();
  private final List<UUID> started = new CopyOnWriteArrayList<>();
  private final List<UUID> stopped = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;
  private volatile boolean stopFails;

  @Override
  public Start start(Job job) {
    if (unreachable) {
      throw new IllegalStateException("workflow service unreachable");
    }
    Boolean previous = running.putIfAbsent(job.jobId(), true);
    if (previous != null) {
      return previous ? Start.ALREADY_RUNNING : Start.ALREADY_FINISHED;
    }
    started.add(job.jobId());
    return Start.STARTED;
  }

  @Override
  public void stop(UUID jobId, String cause) {
    if (unreachable || stopFails) {
      throw new IllegalStateException("workflow service unreachable");
    }
    if (running.replace(jobId, true, false)) {
      stopped.add(jobId);
    }
  }

  /** Every later call throws, as when the service cannot be reached. */
  public void unreachable(boolean value) {
    unreachable = value;
  }

  /** Every later {@link #stop} throws; starts still work. */
  public void stopFails(boolean value) {
    stopFails = value;
  }

  /** Whether the job's workflow was started and not stopped. */
  public boolean isRunning(UUID jobId) {
    return Boolean.TRUE.equals(running.get(jobId));
  }

  public List<UUID> started() {
    return List.copyOf(started);
  }

  public List<UUID> stopped() {
    return List.copyOf(stopped);
  }
}
