package dev.mljobs.local.scheduler;

/** Whether a schedule fires ({@code State}). */
public enum ScheduleState {
  ENABLED,
  DISABLED
}
