package dev.mljobs.local.asl;

/** What a running task can tell the interpreter, and learn from it. */
public interface TaskContext {
  /**
   * Reports that the task is alive. A Task with HeartbeatSeconds fails with States.HeartbeatTimeout
   * when that long passes without one.
   */
  void heartbeat();

  /**
   * Whether the interpreter has given up on this attempt (timeout, missed heartbeat or stopped
   * execution). A handler that cannot be interrupted should poll this.
   */
  boolean isCancelled();
}
