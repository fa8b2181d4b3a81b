package dev.mljobs.local.aws;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts {@link LocalAws} and prints how long it took, so that a slower start shows in the build
 * log. The first start in a JVM also loads every class of the three servers and the SDK, hence the
 * cold/warm label.
 */
final class StartupTimes {

  private static final AtomicBoolean COLD = new AtomicBoolean(true);

  private StartupTimes() {}

  static LocalAws start(String what, LocalAwsConfig config) {
    String jvm = COLD.getAndSet(false) ? "cold JVM" : "warm JVM";
    long started = System.nanoTime();
    LocalAws aws = LocalAws.start(config);
    System.out.printf(
        "LocalAws started (%s, %s) in %d ms%n",
        what, jvm, (System.nanoTime() - started) / 1_000_000);
    return aws;
  }
}
