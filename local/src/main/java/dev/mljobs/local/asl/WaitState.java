package dev.mljobs.local.asl;

import java.time.Instant;

/** A Wait state: exactly one of its four ways of saying how long is set. */
record WaitState(
    StateHeader header,
    Integer seconds,
    Instant timestamp,
    AslPath secondsPath,
    AslPath timestampPath)
    implements State {
  WaitState {
    int given = 0;
    for (Object how : new Object[] {seconds, timestamp, secondsPath, timestampPath}) {
      given += how == null ? 0 : 1;
    }
    if (given != 1) {
      throw new IllegalArgumentException("a Wait needs exactly one duration or time");
    }
  }
}
