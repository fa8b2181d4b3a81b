package dev.mljobs.worker.s3;

import java.io.IOException;

/**
 * S3 could not answer now (throttled, a 5xx, the network): unlike a missing object or a refused
 * access, the same call may succeed later, so a job failing on it is retried.
 */
public final class S3UnavailableException extends IOException {

  private static final long serialVersionUID = 1L;

  public S3UnavailableException(String message) {
    super(message);
  }
}
