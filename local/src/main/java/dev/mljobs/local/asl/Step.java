package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a state hands on.
 *
 * @param next the next state, or null when the graph ends here
 */
record Step(JsonNode output, String next) {
  Step {
    if (output == null) {
      throw new IllegalArgumentException("a state always has an output (JSON null is NullNode)");
    }
  }
}
