package dev.mljobs.local.asl;

/**
 * A Task: calls the {@link TaskHandler} with its Resource.
 *
 * @param timeoutSeconds 0 when there is no limit (and no TimeoutSecondsPath)
 * @param timeoutPath null when absent
 * @param heartbeatSeconds 0 when no heartbeat is required (and no HeartbeatSecondsPath)
 * @param heartbeatPath null when absent
 */
record TaskState(
    StateHeader header,
    String resource,
    int timeoutSeconds,
    AslPath timeoutPath,
    int heartbeatSeconds,
    AslPath heartbeatPath)
    implements State {
  TaskState {
    if (resource == null || resource.isBlank()) {
      throw new IllegalArgumentException("a Task needs a Resource");
    }
  }

  /** The callback pattern: the task ends when someone sends its token back. */
  boolean waitsForTaskToken() {
    return resource.endsWith(".waitForTaskToken");
  }
}
