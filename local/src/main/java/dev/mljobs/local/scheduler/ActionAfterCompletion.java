package dev.mljobs.local.scheduler;

/** What happens to a one-time schedule once it has invoked its target. */
public enum ActionAfterCompletion {
  NONE,
  DELETE
}
