package dev.mljobs.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobBuilder;
import dev.mljobs.core.job.NewJob;
import java.time.Instant;
import java.util.UUID;

/** Ready-made jobs for tests: {@code aQueuedJob().owner("bob").build()}. */
public final class JobFixtures {

  private JobFixtures() {}

  /** A pending {@code sleep} job of owner {@code alice}, created at {@code createdAt}. */
  public static JobBuilder aPendingJob(Instant createdAt) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("seconds", 1);
    return Job.create(NewJob.of("sleep", params, "alice"), UUID.randomUUID(), createdAt)
        .toBuilder();
  }

  public static JobBuilder aQueuedJob(Instant createdAt) {
    return aPendingJob(createdAt).build().enqueue(createdAt).toBuilder();
  }
}
