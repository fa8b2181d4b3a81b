package dev.mljobs.local.aws;

/** Told by the local S3 about every object it creates, as S3 tells its event notifications. */
@FunctionalInterface
public interface S3ObjectCreatedListener {

  /**
   * Called on the thread of the S3 request once the object is stored and before the request is
   * answered, so it must hand the work off rather than do it. What it throws is logged and never
   * fails the request.
   */
  void objectCreated(S3ObjectCreated event);
}
