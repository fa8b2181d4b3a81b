package dev.mljobs.core.trigger;

import dev.mljobs.core.ListCursor;
import java.util.List;
import java.util.Optional;

/**
 * Where triggers and the jobs they made live, per owner: a trigger is found only by its owner, so
 * another owner's id does not exist.
 */
public interface TriggerStore {

  /** Stores a new trigger (its counts start at zero). */
  Trigger create(Trigger trigger);

  /**
   * The owner's trigger, or empty when {@code owner} has none of that id (also when another owner
   * has one).
   */
  Optional<Trigger> find(String owner, String triggerId);

  /**
   * Every trigger of the owner, oldest first; at most {@link
   * TriggerService#MAX_TRIGGERS_PER_OWNER}.
   */
  List<Trigger> list(String owner);

  /**
   * Replaces the settings of a stored trigger; its counts stay as the store keeps them.
   *
   * @return the trigger as stored
   * @throws TriggerNotFoundException when the owner has no such trigger
   */
  Trigger update(Trigger trigger);

  /**
   * Deletes the owner's trigger; the records of the jobs it made go with it (the jobs stay).
   *
   * @return whether there was one
   */
  boolean delete(String owner, String triggerId);

  /** Whether the trigger already made a job of this object version ({@link ObjectVersion#id}). */
  boolean seen(String triggerId, String objectId);

  /**
   * Records a job the trigger made and counts it on the trigger, both at once and once only.
   *
   * @return {@code false} when that object version was already recorded: nothing changed
   */
  boolean record(TriggerJob job);

  /** The jobs of the owner's trigger, newest first, after {@code cursor} (or from the newest). */
  TriggerJobPage jobs(String owner, String triggerId, ListCursor cursor, int limit);
}
