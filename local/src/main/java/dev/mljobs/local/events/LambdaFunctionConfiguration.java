package dev.mljobs.local.events;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of a bucket's {@code LambdaFunctionConfigurations}: which created objects invoke which
 * function.
 *
 * @param id the configuration's id, sent as {@code s3.configurationId}
 * @param events S3 event types such as {@code s3:ObjectCreated:*} or {@code s3:ObjectCreated:Put}
 * @param filter which keys count; {@link KeyFilter#ANY} for all
 * @param function what is invoked
 */
public record LambdaFunctionConfiguration(
    String id, Set<String> events, KeyFilter filter, LambdaTarget function) {

  private static final String ANY_CREATED = "s3:ObjectCreated:*";

  // Only creations are emulated: accepting other types would configure notifications that never
  // fire. Post is accepted as in S3, though the local S3 announces a POST upload as a Put.
  private static final Set<String> SUPPORTED =
      Set.of(
          ANY_CREATED,
          "s3:ObjectCreated:Put",
          "s3:ObjectCreated:Post",
          "s3:ObjectCreated:Copy",
          "s3:ObjectCreated:CompleteMultipartUpload");

  /**
   * Checks the configuration.
   *
   * @throws NullPointerException if a value is missing
   * @throws IllegalArgumentException if the id is blank, no event is given, or an event is not an
   *     {@code s3:ObjectCreated} type
   */
  public LambdaFunctionConfiguration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(function, "function");
    events = Set.copyOf(events);
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (events.isEmpty()) {
      throw new IllegalArgumentException("configuration " + id + " needs at least one event");
    }
    for (String event : events) {
      if (!SUPPORTED.contains(event)) {
        throw new IllegalArgumentException(
            "configuration " + id + ": event " + event + " is not one of " + SUPPORTED);
      }
    }
  }

  /**
   * Whether an event is for this configuration.
   *
   * @param eventName as in the record, e.g. {@code ObjectCreated:Put}
   * @param encodedKey the key, URL-encoded as in the record
   */
  boolean matches(String eventName, String encodedKey) {
    return handles("s3:" + eventName) && filter.matches(encodedKey);
  }

  /** Whether both could take the same event: S3 refuses such configurations on one bucket. */
  boolean overlaps(LambdaFunctionConfiguration other) {
    return events.stream().anyMatch(other::handles) && filter.overlaps(other.filter);
  }

  private boolean handles(String event) {
    return events.contains(event) || events.contains(ANY_CREATED) || event.equals(ANY_CREATED);
  }
}
