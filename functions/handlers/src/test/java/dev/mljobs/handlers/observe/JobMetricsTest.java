package dev.mljobs.handlers.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.testkit.JobFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status changes counted by job type, with the job's fields on each record. */
class JobMetricsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  record Emitted(
      Map<String, String> dimensions,
      List<MetricsSink.Metric> metrics,
      Map<String, Object> properties) {}

  private final List<Emitted> emitted = new ArrayList<>();
  private final List<Job> passedOn = new ArrayList<>();
  private final JobEvents events =
      new JobMetrics((d, m, p) -> emitted.add(new Emitted(d, m, p)), passedOn::add);

  @Test
  void a_job_submitted_run_and_completed_counts_created_started_completed_and_its_run_duration() {
    // given
    Job queued = JobFixtures.aQueuedJob(T0).traceId("Root=1-abc").build();
    Job running = queued.start(T0.plusSeconds(2));
    Job completed =
        running.complete(JsonNodeFactory.instance.objectNode(), null, T0.plusSeconds(5));
    // when
    events.statusChanged(queued);
    events.statusChanged(running);
    events.statusChanged(completed);
    // then
    assertThat(emitted)
        .extracting(e -> e.metrics().get(0).name())
        .containsExactly("JobsCreated", "JobsStarted", "JobsCompleted");
    assertThat(emitted)
        .allSatisfy(e -> assertThat(e.dimensions()).containsExactly(Map.entry("JobType", "sleep")));
    assertThat(emitted.get(2).metrics())
        .contains(new MetricsSink.Metric("RunDuration", 3000, MetricsSink.Unit.MILLISECONDS));
    assertThat(emitted.get(2).properties())
        .containsEntry("job_id", queued.jobId().toString())
        .containsEntry("owner", "alice")
        .containsEntry("attempt", 1)
        .containsEntry("trace_id", "Root=1-abc");
    assertThat(passedOn).containsExactly(queued, running, completed);
  }

  @Test
  void failed_cancelled_and_retried_jobs_are_counted_as_such() {
    // given
    Job running = JobFixtures.aQueuedJob(T0).build().start(T0.plusSeconds(1));
    // when
    events.statusChanged(running.retry("S3 did not answer", T0.plusSeconds(2)));
    events.statusChanged(running.fail("bad input", T0.plusSeconds(3)));
    events.statusChanged(JobFixtures.aQueuedJob(T0).build().cancel(T0.plusSeconds(4)));
    // then
    assertThat(emitted)
        .extracting(e -> e.metrics().get(0).name())
        .containsExactly("JobsRetried", "JobsFailed", "JobsCancelled");
    assertThat(emitted.get(1).metrics())
        .extracting(MetricsSink.Metric::name)
        .contains("RunDuration");
    assertThat(emitted.get(0).properties()).doesNotContainKey("trace_id");
  }
}
