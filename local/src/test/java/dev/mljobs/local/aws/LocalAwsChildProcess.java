package dev.mljobs.local.aws;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Runs in a child JVM for {@link LocalAwsHardStopIT}: starts on a data directory, writes the {@link
 * PersistedSample}, says so on stdout, then waits to be killed.
 */
final class LocalAwsChildProcess {

  static final String READY = "READY ";

  private LocalAwsChildProcess() {}

  /** Arguments: the data directory. */
  public static void main(String[] args) throws InterruptedException {
    LocalAws aws =
        StartupTimes.start(
            "child process, new data dir", LocalAwsConfig.persistentIn(Path.of(args[0])));
    Instant visibleAgain = PersistedSample.write(aws);
    System.out.println(READY + visibleAgain);
    System.out.flush();
    // Never closed: the parent kills this process, as a crash or kill -9 would.
    Thread.sleep(Long.MAX_VALUE);
  }
}
