package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One try of a state: its Context Object and how many retries came before.
 *
 * @param lane where the attempt records its history events
 */
record Attempt(ObjectNode context, int retryCount, Lane lane) {
  Attempt {
    if (context == null || lane == null || retryCount < 0) {
      throw new IllegalArgumentException("context and lane required, retryCount >= 0");
    }
  }
}
