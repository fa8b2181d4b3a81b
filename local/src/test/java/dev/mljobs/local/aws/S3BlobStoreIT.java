package dev.mljobs.local.aws;

import dev.mljobs.aws.s3.S3BlobStore;
import dev.mljobs.core.BlobStore;
import dev.mljobs.testkit.BlobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The blob store contract on the local S3 server (s3proxy), through the real S3 client. */
class S3BlobStoreIT extends BlobStoreContract {

  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(LocalAwsConfig.inMemory());
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Override
  protected BlobStore newStore() {
    return new S3BlobStore(aws.s3(), LocalAws.bucketNames().data());
  }
}
