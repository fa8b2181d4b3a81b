package dev.mljobs.core.job;

import static dev.mljobs.core.job.JobStatus.CANCELLED;
import static dev.mljobs.core.job.JobStatus.COMPLETED;
import static dev.mljobs.core.job.JobStatus.FAILED;
import static dev.mljobs.core.job.JobStatus.PENDING;
import static dev.mljobs.core.job.JobStatus.QUEUED;
import static dev.mljobs.core.job.JobStatus.RUNNING;
import static dev.mljobs.core.job.JobStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

  /** The lifecycle as documented in docs/jobs.md, written out independently of the code. */
  private static final Map<JobStatus, Set<JobStatus>> ALLOWED =
      Map.of(
          PENDING, Set.of(QUEUED, CANCELLED, SKIPPED),
          QUEUED, Set.of(RUNNING, CANCELLED, SKIPPED, FAILED),
          RUNNING, Set.of(COMPLETED, FAILED, CANCELLED, QUEUED),
          COMPLETED, Set.of(),
          FAILED, Set.of(),
          CANCELLED, Set.of(),
          SKIPPED, Set.of());

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void each_status_moves_exactly_to_the_documented_next_statuses(JobStatus from) {
    for (JobStatus to : JobStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
  }

  @Test
  void terminal_statuses_are_exactly_those_with_no_way_out() {
    for (JobStatus s : JobStatus.values()) {
      assertThat(s.isTerminal()).as(s.name()).isEqualTo(ALLOWED.get(s).isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void wire_names_are_lowercase_and_round_trip(JobStatus s) {
    assertThat(s.wireName()).isEqualTo(s.name().toLowerCase());
    assertThat(JobStatus.fromWire(s.wireName())).isEqualTo(s);
  }

  @Test
  void an_unknown_token_is_refused_with_the_accepted_ones() {
    assertThatThrownBy(() -> JobStatus.fromWire("RUNNING"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status must be one of pending, queued, running")
        .hasMessageContaining("'RUNNING'");
  }
}
