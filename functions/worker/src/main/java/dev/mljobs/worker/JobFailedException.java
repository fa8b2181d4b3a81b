package dev.mljobs.worker;

/**
 * The job cannot succeed, for a reason its submitter should read: bad parameters, a failure on
 * purpose, unreadable input. The message becomes the job's {@code error_message}.
 */
public class JobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }
}
