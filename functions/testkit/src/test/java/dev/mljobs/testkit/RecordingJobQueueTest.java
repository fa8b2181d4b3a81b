package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.core.job.JobQueue;
import java.util.List;
import java.util.UUID;

class RecordingJobQueueTest extends JobQueueContract {

  private RecordingJobQueue recording;
  private int taken;

  @Override
  protected JobQueue newQueue() {
    recording = new RecordingJobQueue();
    taken = 0;
    return recording;
  }

  @Override
  protected JobQueue unreachableQueue() {
    RecordingJobQueue broken = new RecordingJobQueue();
    broken.unreachable(true);
    return broken;
  }

  @Override
  protected List<UUID> receive(int count) {
    List<RecordingJobQueue.Sent> sent = recording.sent();
    assertThat(sent.size() - taken).as("messages waiting").isGreaterThanOrEqualTo(count);
    List<UUID> next =
        sent.subList(taken, taken + count).stream().map(RecordingJobQueue.Sent::jobId).toList();
    taken += count;
    return next;
  }

  @Override
  protected boolean hasMore() {
    return recording.sent().size() > taken;
  }
}
