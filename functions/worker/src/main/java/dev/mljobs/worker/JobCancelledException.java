package dev.mljobs.worker;

/** The platform said the job is no longer running (cancelled): the worker stops at once. */
public class JobCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobCancelledException(String message) {
    super(message);
  }
}
