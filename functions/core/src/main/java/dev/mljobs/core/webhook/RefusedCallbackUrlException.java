package dev.mljobs.core.webhook;

/**
 * A webhook address the platform does not call, and why (the message names {@code callback_url}).
 */
public final class RefusedCallbackUrlException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final String reason;
  private final boolean transientFailure;

  public RefusedCallbackUrlException(String reason, boolean transientFailure) {
    super("callback_url " + reason);
    this.reason = reason;
    this.transientFailure = transientFailure;
  }

  /** The reason without the field name. */
  public String reason() {
    return reason;
  }

  /** Whether trying again later may succeed (a name that does not resolve yet). */
  public boolean isTransient() {
    return transientFailure;
  }
}
