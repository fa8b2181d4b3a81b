package dev.mljobs.core.schedule;

import dev.mljobs.core.ListCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every nominal fire time of every schedule, with its outcome: one entry per fire time. */
public interface FiringLedger {

  /**
   * Records a firing unless one is already recorded for its schedule and time.
   *
   * @return the firing as stored: {@code firing} itself, or the one recorded first
   */
  Firing record(Firing firing);

  /**
   * Reads the firing of a schedule at a time.
   *
   * @return the firing, or empty when that time has no entry yet
   */
  Optional<Firing> find(String scheduleId, Instant scheduledTime);

  /** One page of a schedule's firings, newest first. */
  record Page(List<Firing> firings, ListCursor next) {
    public Page {
      firings = List.copyOf(firings);
    }
  }

  /**
   * Lists a schedule's firings, newest fire time first.
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param limit at most this many, 1 to 100
   */
  Page list(String scheduleId, ListCursor after, int limit);
}
