package dev.mljobs.core.trigger;

/**
 * What a trigger has made: each object version it watched is seen once, however often its
 * notification arrives.
 *
 * @param objectsSeen object versions that matched the trigger
 * @param jobsCreated jobs made from them
 */
public record TriggerCounts(long objectsSeen, long jobsCreated) {

  public static final TriggerCounts NONE = new TriggerCounts(0, 0);
}
