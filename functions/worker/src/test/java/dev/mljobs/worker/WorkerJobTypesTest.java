package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.JobType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worker runs exactly the job types the registry calls runnable. */
class WorkerJobTypesTest {

  @Test
  void every_runnable_type_has_a_worker_and_every_other_is_refused_for_good() {
    Worker worker = new Worker(Map.of());
    for (JobType type : JobType.values()) {
      // empty params: a runnable type's task refuses them, naming a field
      JobFailedException failure =
          catchThrowableOfType(
              JobFailedException.class,
              () -> worker.run(new Work(UUID.randomUUID(), 1, type.wireName(), null, null, null)));
      assertThat(failure).as(type.wireName()).isNotNull();
      assertThat(failure.kind()).as(type.wireName()).isEqualTo(FailureKind.PERMANENT);
      if (type.runnable()) {
        assertThat(failure.getMessage()).as(type.wireName()).doesNotContain("not supported");
      } else {
        assertThat(failure.getMessage())
            .isEqualTo("job_type '" + type.wireName() + "' is not supported by this worker");
      }
    }
  }
}
