package dev.mljobs.local.aws;

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
}
