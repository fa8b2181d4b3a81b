package dev.mljobs.testkit;

import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleTriggers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ScheduleTriggers} that remembers what it was told: the trigger of each schedule as last
 * put. Real firing is proven against the local Scheduler emulator.
 */
public final class RecordingScheduleTriggers implements ScheduleTriggers {

  private final Map<String, Schedule> triggers = new HashMap<>();

  @Override
  public synchronized void put(Schedule schedule) {
    triggers.put(schedule.scheduleId(), schedule);
  }

  @Override
  public synchronized void delete(String scheduleId) {
    triggers.remove(scheduleId);
  }

  /** The schedule its trigger was last put with, or empty once deleted. */
  public synchronized Optional<Schedule> trigger(String scheduleId) {
    return Optional.ofNullable(triggers.get(scheduleId));
  }
}
