package dev.mljobs.aws.s3;

import dev.mljobs.core.storage.UploadUrls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link UploadUrls} with the AWS SDK's {@link S3Presigner}: SigV4 query signing with {@code
 * Content-Type} and {@code Content-Length} among the signed headers, so S3 refuses a PUT of any
 * other type or size.
 */
public final class S3UploadUrls implements UploadUrls {

  private final S3Presigner presigner;
  private final String bucket;

  public S3UploadUrls(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  @Override
  public PresignedPut presignPut(
      String key, String contentType, long sizeBytes, Duration validity) {
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            b ->
                b.signatureDuration(validity)
                    .putObjectRequest(
                        o ->
                            o.bucket(bucket)
                                .key(key)
                                .contentType(contentType)
                                .contentLength(sizeBytes)));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
      // the client's HTTP library sets Host from the URL
      if (!header.getKey().equalsIgnoreCase("host")) {
        headers.put(canonical(header.getKey()), String.join(",", header.getValue()));
      }
    }
    return new PresignedPut(presigned.url().toString(), headers, presigned.expiration());
  }

  @Override
  public String uriOf(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** {@code content-type} as {@code Content-Type}: how users see it in documentation. */
  private static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return out.toString();
  }
}
