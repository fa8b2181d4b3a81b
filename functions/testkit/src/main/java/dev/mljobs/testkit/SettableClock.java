package dev.mljobs.testkit;

import dev.mljobs.core.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until a test moves it. */
public final class SettableClock implements Clock {

  private volatile Instant now;

  public SettableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  public void set(Instant instant) {
    now = instant;
  }

  public synchronized Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }
}
