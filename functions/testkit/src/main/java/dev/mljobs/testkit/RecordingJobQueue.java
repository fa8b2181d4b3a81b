package dev.mljobs.testkit;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JobQueue} that remembers what was sent, and can be told to be unreachable. */
public final class RecordingJobQueue implements JobQueue {

  /** One message: the job, and its delay (0 when sent at once). */
  public record Sent(UUID jobId, int delaySeconds) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;

  @Override
  public void send(Job job) {
    sendLater(job, 0);
  }

  @Override
  public void sendLater(Job job, int delaySeconds) {
    if (unreachable) {
      throw new IllegalStateException("queue unreachable");
    }
    sent.add(new Sent(job.jobId(), delaySeconds));
  }

  public void unreachable(boolean value) {
    unreachable = value;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }
}
