package dev.mljobs.aws;

import dev.mljobs.core.Clock;
import java.time.Instant;

/** The real clock, for production wiring. */
public final class SystemClock implements Clock {

  @Override
  public Instant now() {
    return Instant.now();
  }
}
