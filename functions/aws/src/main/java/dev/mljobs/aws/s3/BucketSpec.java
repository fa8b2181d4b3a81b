package dev.mljobs.aws.s3;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One bucket and the top-level key prefixes mljobs writes under. Defined once in {@link Buckets}
 * and used by the CDK stack (bucket, lifecycle and notification rules per prefix), the local
 * runtime and the tests.
 *
 * @param name the logical name; the physical name comes from {@link BucketNames}
 * @param prefixes top-level key prefixes, each ending in {@code /}
 */
public record BucketSpec(String name, List<String> prefixes) {

  // Short enough that a prefix such as "mljobs-" + an account id still fits S3's 63 characters.
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]*/");

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if the name is not a valid S3 bucket name part, or a prefix is
   *     not a lower-case word followed by {@code /}
   * @throws NullPointerException if a value is missing
   */
  public BucketSpec {
    Objects.requireNonNull(name, "name");
    prefixes = List.copyOf(prefixes);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bucket name must match " + NAME + ": " + name);
    }
    for (String prefix : prefixes) {
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("key prefix must match " + PREFIX + ": " + prefix);
      }
    }
  }
}
