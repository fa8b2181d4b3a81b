package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobQueryTest {

  @Test
  void a_query_must_be_anchored_on_something_indexed() {
    assertThatThrownBy(() -> new JobQuery(null, null, "sleep", null, null, null, 10, null))
        .hasMessage("a job query needs an owner, status, group_id, template_id or schedule_id");
  }

  @Test
  void limit_is_1_to_100() {
    assertThatThrownBy(() -> JobQuery.byOwner("a").withLimit(0))
        .hasMessage("limit must be between 1 and 100, got 0");
    assertThatThrownBy(() -> JobQuery.byOwner("a").withLimit(101))
        .hasMessage("limit must be between 1 and 100, got 101");
    assertThat(JobQuery.byOwner("a").limit()).isEqualTo(50);
  }

  @Test
  void matches_applies_every_criterion() {
    Job job =
        Job.create(NewJob.of("sleep", null, "alice"), UUID.randomUUID(), Instant.EPOCH)
            .enqueue(Instant.EPOCH);
    assertThat(JobQuery.byOwner("alice").matches(job)).isTrue();
    assertThat(JobQuery.byOwner("bob").matches(job)).isFalse();
    assertThat(
            JobQuery.byOwner("alice")
                .withStatus(JobStatus.QUEUED)
                .withJobType("sleep")
                .matches(job))
        .isTrue();
    assertThat(JobQuery.byOwner("alice").withStatus(JobStatus.RUNNING).matches(job)).isFalse();
    assertThat(JobQuery.byOwner("alice").withJobType("inference").matches(job)).isFalse();
    assertThat(JobQuery.byGroup("g1").matches(job)).isFalse();
  }
}
