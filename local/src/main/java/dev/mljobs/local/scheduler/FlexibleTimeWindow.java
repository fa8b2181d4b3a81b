package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.range;
import static dev.mljobs.local.scheduler.Constraints.required;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The window in which AWS may invoke the target after each fire time. The emulator accepts and
 * returns it but always fires at the exact fire time, which is one valid choice within any window.
 *
 * @param mode OFF or FLEXIBLE
 * @param maximumWindowInMinutes 1 to 1440, required when FLEXIBLE
 */
public record FlexibleTimeWindow(
    @JsonProperty("Mode") Mode mode,
    @JsonProperty("MaximumWindowInMinutes") Integer maximumWindowInMinutes) {

  /** Whether invocations may be spread over a window. */
  public enum Mode {
    OFF,
    FLEXIBLE
  }

  /** Checks the mode and, for FLEXIBLE, the window's length. */
  public FlexibleTimeWindow {
    required(mode, "flexibleTimeWindow.mode");
    range(maximumWindowInMinutes, "flexibleTimeWindow.maximumWindowInMinutes", 1, 1440);
    if (mode == Mode.FLEXIBLE) {
      required(maximumWindowInMinutes, "flexibleTimeWindow.maximumWindowInMinutes");
    }
  }
}
