package dev.mljobs.core.group;

/** Where group status changes are published (EventBridge in AWS, JSON lines locally). */
public interface GroupEvents {

  /**
   * Publishes that {@code group} reached its current status. Best effort: a failure here never
   * undoes the change.
   */
  void statusChanged(JobGroup group);

  /** Publishes nothing. */
  static GroupEvents none() {
    return group -> {};
  }
}
