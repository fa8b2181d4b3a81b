package dev.mljobs.local.aws;

import dev.mljobs.local.aws.S3ObjectCreated.Operation;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A blob store that tells a listener about every object created in it, right after the write
 * succeeded: the one place that sees a PUT, a copy and a completed multipart upload alike, whatever
 * the request looked like on the wire. s3proxy unwraps {@link ForwardingBlobStore}s to find the
 * store's type, so the delegate keeps its own quirks.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

  // s3proxy keeps each multipart upload's state in an object of this name in the upload's bucket
  // (and refuses such keys from clients): its own bookkeeping, not an object S3 would announce.
  private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";

  private final S3ObjectCreatedListener listener;
  private final Clock clock;
  private final AtomicLong lastSequence = new AtomicLong();

  NotifyingBlobStore(BlobStore delegate, S3ObjectCreatedListener listener, Clock clock) {
    super(delegate);
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    PutObjectResponse response = super.putBlob(request, input);
    if (!request.key().startsWith(MULTIPART_STUB)) {
      created(
          Operation.PUT, request.bucket(), request.key(), response.eTag(), request.contentLength());
    }
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    String eTag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
    created(Operation.COPY, request.destinationBucket(), request.destinationKey(), eTag, null);
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    created(
        Operation.COMPLETE_MULTIPART_UPLOAD,
        upload.containerName(),
        upload.blobName(),
        response.eTag(),
        null);
    return response;
  }

  /**
   * Tells the listener, reading what the write's answer lacks back from the stored object. The
   * object is stored whatever happens here, so a failure only costs the event.
   */
  private void created(Operation operation, String bucket, String key, String eTag, Long size) {
    Instant now = clock.instant();
    try {
      HeadObjectResponse stored =
          eTag == null || size == null ? delegate().blobMetadata(bucket, key) : null;
      listener.objectCreated(
          new S3ObjectCreated(
              operation,
              bucket,
              key,
              size == null ? stored.contentLength() : size,
              unquoted(eTag == null ? stored.eTag() : eTag),
              sequencer(now),
              now));
    } catch (RuntimeException e) {
      System.err.println("local S3: no event for " + bucket + "/" + key + ": " + e);
    }
  }

  /**
   * Microseconds since the epoch, or one more than the last value if that is not larger: unique and
   * growing within this process, and larger than what an earlier run on the same data wrote.
   */
  private String sequencer(Instant now) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    return String.format("%016X", lastSequence.updateAndGet(last -> Math.max(last + 1, micros)));
  }

  private static String unquoted(String eTag) {
    return eTag.length() > 1 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }
}
