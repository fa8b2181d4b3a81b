package dev.mljobs.core;

/**
 * The object store did not answer (a network error, a timeout, a 5xx, throttling): the same call
 * may well succeed later. Distinct from an object that is not there, which is a real failure. The
 * ASL's {@code Retry} of MarkCompleted names this class by string, so that a finished Batch job
 * whose result S3 did not serve once is completed on a later try instead of abandoned.
 */
public class StorageUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param what what could not be done, without the store's own text (endpoints, hosts)
   * @param cause the client's error
   */
  public StorageUnavailableException(String what, Throwable cause) {
    super(what + ": the store did not answer (" + cause.getClass().getSimpleName() + ")", cause);
  }
}
