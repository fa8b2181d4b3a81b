package dev.mljobs.aws.s3;

import dev.mljobs.core.BlobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link BlobStore} in one S3 bucket. */
public final class S3BlobStore implements BlobStore {

  private final S3Client s3;
  private final String bucket;

  public S3BlobStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public String put(String key, byte[] bytes, String contentType) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    return uriOf(key);
  }

  @Override
  public String uriOf(String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public byte[] get(String uri) {
    String prefix = "s3://" + bucket + "/";
    if (uri == null || !uri.startsWith(prefix)) {
      throw new IllegalArgumentException("not an object of bucket " + bucket + ": " + uri);
    }
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(uri.substring(prefix.length())))
        .asByteArray();
  }
}
