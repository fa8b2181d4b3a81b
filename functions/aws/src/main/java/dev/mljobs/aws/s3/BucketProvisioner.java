package dev.mljobs.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Creates the buckets from {@link Buckets} where they are missing: used by the local runtime and
 * the tests. In AWS the CDK stack creates them from the same specs.
 */
public final class BucketProvisioner {

  private final S3Client s3;

  public BucketProvisioner(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * Creates every missing bucket. Existing buckets of ours are kept with their objects.
   *
   * @throws software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException if another
   *     account owns a bucket of that name (only in AWS, where names are global)
   * @throws software.amazon.awssdk.services.s3.model.S3Exception if S3 refuses a request
   */
  public void ensureBuckets(BucketNames names) {
    for (BucketSpec spec : Buckets.ALL) {
      try {
        s3.createBucket(b -> b.bucket(names.of(spec)));
      } catch (BucketAlreadyOwnedByYouException alreadyThere) {
        // Nothing to do: the bucket is ours.
      }
    }
  }
}
