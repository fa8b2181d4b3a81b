package dev.mljobs.testkit;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JobQueue} that remembers what was sent, and can be told to be unreachable. */
public final class RecordingJobQueue implements JobQueue {

  /** One message: the job it names. */
  public record Sent(UUID jobId) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;

  @Override
  public void send(Job job) {
    if (unreachable) {
      throw new IllegalStateException("queue unreachable");
    }
    sent.add(new Sent(job.jobId()));
  }

  public void unreachable(boolean value) {
    unreachable = value;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }
}
