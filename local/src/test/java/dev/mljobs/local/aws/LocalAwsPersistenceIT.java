package dev.mljobs.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.aws.sqs.Queues;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a data directory, a clean stop loses nothing: items, messages (also in flight), objects. */
class LocalAwsPersistenceIT {

  @Test
  void what_was_written_before_a_stop_is_there_after_a_restart(@TempDir Path dataDir) {
    // given
    Instant visibleAgain;
    try (LocalAws first =
        StartupTimes.start("new data dir", LocalAwsConfig.persistentIn(dataDir))) {
      visibleAgain = PersistedSample.write(first);
    }

    // when
    try (LocalAws second =
        StartupTimes.start("restart on data dir", LocalAwsConfig.persistentIn(dataDir))) {

      // then
      PersistedSample.assertReadBack(second, visibleAgain);
    }
  }

  @Test
  void a_second_runtime_on_the_same_data_dir_is_refused(@TempDir Path dataDir) {
    try (LocalAws first = LocalAws.start(LocalAwsConfig.persistentIn(dataDir))) {
      // when / then
      assertThatThrownBy(() -> LocalAws.start(LocalAwsConfig.persistentIn(dataDir)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
      assertThat(first.sqs().getQueueUrl(b -> b.queueName(LocalAws.queueNames().jobs())).queueUrl())
          .isEqualTo(first.queueUrl(Queues.JOBS));
    }
  }
}
