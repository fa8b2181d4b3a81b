package dev.mljobs.local.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * One object that the local S3 has just stored, described as S3 describes it to its event
 * notifications.
 *
 * @param operation how the object was created
 * @param bucket the bucket's name
 * @param key the object's key, as stored (not URL-encoded)
 * @param size the object's size in bytes
 * @param eTag the object's ETag without quotes, as in an event record
 * @param sequencer fixed-width upper-case hex that grows with every write, so that comparing two as
 *     strings orders two events of one key as S3's sequencer does
 * @param eventTime when the store finished the write
 */
public record S3ObjectCreated(
    Operation operation,
    String bucket,
    String key,
    long size,
    String eTag,
    String sequencer,
    Instant eventTime) {

  /** The S3 operations that create an object, with the event name each produces. */
  public enum Operation {
    PUT("ObjectCreated:Put"),
    COPY("ObjectCreated:Copy"),
    COMPLETE_MULTIPART_UPLOAD("ObjectCreated:CompleteMultipartUpload");

    private final String eventName;

    Operation(String eventName) {
      this.eventName = eventName;
    }

    /** The event's name, as in an event record's {@code eventName}: no {@code s3:} prefix. */
    public String eventName() {
      return eventName;
    }
  }

  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is missing
   * @throws IllegalArgumentException if the size is negative or the ETag is quoted
   */
  public S3ObjectCreated {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eTag, "eTag");
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(eventTime, "eventTime");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
    if (eTag.startsWith("\"")) {
      throw new IllegalArgumentException("eTag must be unquoted, got " + eTag);
    }
  }
}
