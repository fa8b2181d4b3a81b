package dev.mljobs.worker.vision;

/** One input image cannot be used; the message says why, for the submitter. */
public class UnreadableImageException extends Exception {

  private static final long serialVersionUID = 1L;

  public UnreadableImageException(String message) {
    super(message);
  }
}
