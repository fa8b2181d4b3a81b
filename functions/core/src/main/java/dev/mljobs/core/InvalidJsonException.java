package dev.mljobs.core;

/**
 * JSON a client wrote that {@link StrictJson} refuses. The message is a reason to show the client
 * after the name of what was read ("the body ..."): it never quotes the input.
 */
public final class InvalidJsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidJsonException(String reason) {
    super(reason);
  }
}
