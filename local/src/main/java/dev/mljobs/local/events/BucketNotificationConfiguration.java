package dev.mljobs.local.events;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A bucket's notification configuration, as {@code PutBucketNotificationConfiguration} takes it:
 * here only its {@code LambdaFunctionConfigurations}.
 *
 * @param bucket the bucket's physical name
 * @param lambdaFunctionConfigurations the functions to invoke, each for its own events and keys
 */
public record BucketNotificationConfiguration(
    String bucket, List<LambdaFunctionConfiguration> lambdaFunctionConfigurations) {

  /**
   * Checks the configurations as S3 does before it accepts them.
   *
   * @throws NullPointerException if a value is missing
   * @throws IllegalArgumentException if two configurations share an id, or could both take one
   *     event (S3's "Configurations overlap")
   */
  public BucketNotificationConfiguration {
    Objects.requireNonNull(bucket, "bucket");
    lambdaFunctionConfigurations = List.copyOf(lambdaFunctionConfigurations);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < lambdaFunctionConfigurations.size(); i++) {
      LambdaFunctionConfiguration config = lambdaFunctionConfigurations.get(i);
      if (!ids.add(config.id())) {
        throw new IllegalArgumentException(bucket + ": two configurations have id " + config.id());
      }
      for (LambdaFunctionConfiguration earlier : lambdaFunctionConfigurations.subList(0, i)) {
        if (config.overlaps(earlier)) {
          throw new IllegalArgumentException(
              bucket
                  + ": configurations "
                  + earlier.id()
                  + " and "
                  + config.id()
                  + " overlap. Configurations on the same bucket cannot share a common event type.");
        }
      }
    }
  }
}
