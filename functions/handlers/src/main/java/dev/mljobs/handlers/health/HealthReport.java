package dev.mljobs.handlers.health;

import java.util.Map;

/**
 * What {@code GET /health} answers: each dependency's status and latency.
 *
 * @param dependencies by name, in the order checked
 */
public record HealthReport(Map<String, Dependency> dependencies) {

  /**
   * @param up whether it answered within the deadline
   * @param latencyMs how long the answer took (the deadline, when it did not come)
   * @param error why it is down: an AWS error code, {@code unreachable} or {@code timed out}; never
   *     an exception's message, which may name resources
   */
  public record Dependency(boolean up, long latencyMs, String error) {}

  public HealthReport {
    dependencies =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencies));
  }

  /** Up when every dependency is up (and when there is none to check). */
  public boolean up() {
    return dependencies.values().stream().allMatch(Dependency::up);
  }
}
