package dev.mljobs.core.trigger;

/** The owner has no trigger of that id (another owner's trigger does not exist for it). */
public final class TriggerNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String triggerId;

  public TriggerNotFoundException(String triggerId) {
    super("trigger " + triggerId + " not found");
    this.triggerId = triggerId;
  }

  public String triggerId() {
    return triggerId;
  }
}
