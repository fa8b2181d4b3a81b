package dev.mljobs.core.job;

/**
 * How many jobs may run at once, in all and per owner. Counting reads an index that may lag a
 * moment behind, so a burst can overshoot a limit by the number of dispatchers working at that
 * instant; the limits protect capacity, they are not a hard guarantee.
 *
 * @param maxRunning jobs running at once in all
 * @param maxRunningPerOwner jobs of one owner running at once
 */
public record DispatchLimits(int maxRunning, int maxRunningPerOwner) {

  public DispatchLimits {
    if (maxRunning < 1 || maxRunningPerOwner < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
  }

  public static DispatchLimits unlimited() {
    return new DispatchLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  boolean reached(JobStore store, String owner) {
    if (maxRunning == Integer.MAX_VALUE && maxRunningPerOwner == Integer.MAX_VALUE) {
      return false;
    }
    JobStore.Running running = store.countRunning(owner, maxRunning);
    return running.all() >= maxRunning || running.owners() >= maxRunningPerOwner;
  }
}
