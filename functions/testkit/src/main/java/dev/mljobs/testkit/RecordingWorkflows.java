package dev.mljobs.testkit;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.Workflows;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link Workflows} that remembers starts and stops, with one workflow per job as the port says.
 */
public final class RecordingWorkflows implements Workflows {

  private final Map<UUID, Boolean> running = new ConcurrentHashMap<>();
  private final List<UUID> started = new CopyOnWriteArrayList<>();
  private final List<UUID> stopped = new CopyOnWriteArrayList<>();

  @Override
  public Start start(Job job) {
    Boolean previous = running.putIfAbsent(job.jobId(), true);
    if (previous != null) {
      return previous ? Start.ALREADY_RUNNING : Start.ALREADY_FINISHED;
    }
    started.add(job.jobId());
    return Start.STARTED;
  }

  @Override
  public void stop(UUID jobId, String cause) {
    if (running.replace(jobId, true, false)) {
      stopped.add(jobId);
    }
  }

  public List<UUID> started() {
    return List.copyOf(started);
  }

  public List<UUID> stopped() {
    return List.copyOf(stopped);
  }
}
