package dev.mljobs.testkit;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} must do: a sent job reaches the dispatcher as a message naming it,
 * once per send, and a queue that cannot be reached says so with an exception (the job then stays
 * queued for the reconciler). Run against the recording fake and against ElasticMQ through the SQS
 * client, so the fake cannot drift from the real queue.
 */
public abstract class JobQueueContract {

  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  protected JobQueue queue;

  /** A new queue with no message in it. */
  protected abstract JobQueue newQueue();

  /** A queue whose service cannot be reached, or that does not exist. */
  protected abstract JobQueue unreachableQueue();

  /**
   * Takes the next {@code count} messages of {@link #queue}, waiting for them (in any order).
   *
   * @return the job id each message names
   * @throws AssertionError when fewer arrive within a generous deadline
   */
  protected abstract List<UUID> receive(int count);

  /** Whether a message is left in {@link #queue} after those {@link #receive} took. */
  protected abstract boolean hasMore();

  @BeforeEach
  void freshQueue() {
    queue = newQueue();
  }

  @Test
  void a_sent_job_arrives_as_one_message_naming_it() {
    // given
    Job job = aQueuedJob(T0).priority(7).build();
    // when
    queue.send(job);
    // then
    assertThat(receive(1)).containsExactly(job.jobId());
    assertThat(hasMore()).isFalse();
  }

  @Test
  void each_send_is_one_message_even_for_the_same_job() {
    // given: the reconciler sends a job again whose first message is still waiting
    Job job = aQueuedJob(T0).build();
    // when
    queue.send(job);
    queue.send(job);
    // then: two messages, both naming the job; dispatch is idempotent per job
    assertThat(receive(2)).containsExactly(job.jobId(), job.jobId());
    assertThat(hasMore()).isFalse();
  }

  @Test
  void messages_name_their_own_jobs_whatever_the_priority() {
    // given
    Job low = aQueuedJob(T0).priority(0).build();
    Job high = aQueuedJob(T0).priority(10).build();
    Job other = aQueuedJob(T0).owner("bob").build();
    // when
    queue.send(low);
    queue.send(high);
    queue.send(other);
    // then
    assertThat(receive(3)).containsExactlyInAnyOrder(low.jobId(), high.jobId(), other.jobId());
    assertThat(hasMore()).isFalse();
  }

  @Test
  void a_queue_that_cannot_be_reached_throws_so_the_job_stays_queued() {
    JobQueue broken = unreachableQueue();
    assertThatThrownBy(() -> broken.send(aQueuedJob(T0).build()))
        .isInstanceOf(RuntimeException.class);
  }
}
