package dev.mljobs.aws.s3;

import java.util.Map;
import java.util.Objects;

/**
 * Physical bucket names. In AWS the stack hands them to each function as environment variables
 * (bucket names are global, so the stack chooses them); locally and in tests they are the logical
 * names behind a prefix.
 */
public record BucketNames(String data, String artifacts) {

  /** The environment variable that names the data bucket (set by the CDK stack). */
  public static final String DATA_VARIABLE = "DATA_BUCKET";

  /**
   * Checks that both names are given.
   *
   * @throws NullPointerException if a name is missing
   */
  public BucketNames {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(artifacts, "artifacts");
  }

  /** The logical names behind {@code prefix}: {@code mljobs-data}, {@code mljobs-artifacts}. */
  public static BucketNames withPrefix(String prefix) {
    return new BucketNames(prefix + Buckets.DATA.name(), prefix + Buckets.ARTIFACTS.name());
  }

  /**
   * Reads {@code DATA_BUCKET} and {@code ARTIFACTS_BUCKET}, falling back to {@code BUCKET_PREFIX} +
   * the logical name (prefix {@code mljobs-} when unset).
   */
  public static BucketNames fromEnv(Map<String, String> env) {
    BucketNames defaults = withPrefix(env.getOrDefault("BUCKET_PREFIX", "mljobs-"));
    return new BucketNames(
        env.getOrDefault(DATA_VARIABLE, defaults.data()),
        env.getOrDefault("ARTIFACTS_BUCKET", defaults.artifacts()));
  }

  /**
   * The physical name of {@code spec}.
   *
   * @throws IllegalArgumentException if {@code spec} is not one of {@link Buckets#ALL}
   */
  public String of(BucketSpec spec) {
    if (spec.equals(Buckets.DATA)) {
      return data;
    }
    if (spec.equals(Buckets.ARTIFACTS)) {
      return artifacts;
    }
    throw new IllegalArgumentException("unknown bucket " + spec.name());
  }
}
