package dev.mljobs.local.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The Batch worker processes the runtime starts, found by the JOB_ID in their environment. */
final class WorkerProcesses {

  private WorkerProcesses() {}

  /** Waits up to 20 s for the worker process of a job to appear. */
  static ProcessHandle await(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> worker =
          ProcessHandle.current()
              .descendants()
              .filter(p -> environmentHas(p, "JOB_ID=" + jobId))
              .findFirst();
      if (worker.isPresent()) {
        return worker.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no worker process for job " + jobId);
  }

  /** Whether the process has ended within {@code timeout}. */
  static boolean stops(ProcessHandle process, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return !process.isAlive();
  }

  private static boolean environmentHas(ProcessHandle process, String entry) {
    try {
      byte[] environ =
          Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      return new String(environ, StandardCharsets.UTF_8).contains(entry + "\0");
    } catch (Exception gone) {
      return false;
    }
  }
}
