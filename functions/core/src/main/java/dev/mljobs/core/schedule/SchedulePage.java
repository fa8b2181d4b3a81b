package dev.mljobs.core.schedule;

import dev.mljobs.core.ListCursor;
import java.util.List;

/**
 * One page of an owner's schedules.
 *
 * @param next where the next page starts, or {@code null} on the last page
 */
public record SchedulePage(List<Schedule> schedules, ListCursor next) {

  public SchedulePage {
    schedules = List.copyOf(schedules);
  }
}
