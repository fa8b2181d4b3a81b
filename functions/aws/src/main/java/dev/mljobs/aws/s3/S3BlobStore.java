package dev.mljobs.aws.s3;

import dev.mljobs.core.BlobStore;
import dev.mljobs.core.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(uri.substring(prefix.length())))
          .asByteArray();
    } catch (SdkClientException noAnswer) {
      throw new StorageUnavailableException("reading " + uri, noAnswer);
    } catch (S3Exception e) {
      if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
        throw new StorageUnavailableException("reading " + uri, e);
      }
      throw e; // not there, or not ours to read: trying again changes nothing
    }
  }
}
