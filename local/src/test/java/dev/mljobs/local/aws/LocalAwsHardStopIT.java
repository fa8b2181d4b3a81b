package dev.mljobs.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a data directory, a killed process (SIGKILL: no shutdown hook, no clean close) loses nothing
 * that a client was told had succeeded.
 */
class LocalAwsHardStopIT {

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a child that never gets ready must not hang CI
  void what_was_acknowledged_before_a_kill_is_there_after_a_restart(@TempDir Path dataDir)
      throws IOException, InterruptedException {
    // given a child JVM that wrote the sample and was killed right after
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalAwsChildProcess.class.getName(),
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Instant visibleAgain;
    try {
      visibleAgain = awaitReady(child);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    // when
    try (LocalAws restarted =
        StartupTimes.start("restart after kill", LocalAwsConfig.persistentIn(dataDir))) {

      // then
      PersistedSample.assertReadBack(restarted, visibleAgain);
    }
  }

  private static Instant awaitReady(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(LocalAwsChildProcess.READY)) {
        return Instant.parse(line.substring(LocalAwsChildProcess.READY.length()));
      }
      System.out.println(line);
    }
    throw new AssertionError("the child process ended before it was ready: " + child.exitValue());
  }
}
