package dev.mljobs.testkit;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How tests wait: on a condition (Awaitility), polled often, with a deadline generous enough for a
 * loaded 2-core machine. A test that waits a fixed time either wastes it or fails when the machine
 * is slow; the deadline here only bounds a test that would otherwise hang.
 */
public final class Waits {

  /** The longest a condition is waited for before the test fails. */
  public static final Duration GENEROUS = Duration.ofSeconds(90);

  private Waits() {}

  /**
   * @param what the condition, named in the failure
   * @return a wait polling every 25 ms, from at once, for at most {@link #GENEROUS}
   */
  public static ConditionFactory patiently(String what) {
    return Awaitility.await(what)
        .atMost(GENEROUS)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(25));
  }
}
