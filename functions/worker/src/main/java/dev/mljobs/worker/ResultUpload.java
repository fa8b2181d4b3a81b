package dev.mljobs.worker;

import dev.mljobs.worker.s3.S3Objects;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes the CLI's result to {@code RESULT_URI} (s3://bucket/key): AWS Batch hands no payload back
 * to the workflow, so the workflow's next step reads it there. Region and credentials come from the
 * environment as for any SDK client; {@code AWS_ENDPOINT_URL_S3} points elsewhere than AWS (the
 * local runtime).
 */
final class ResultUpload {

  private ResultUpload() {}

  /**
   * @throws IllegalArgumentException when {@code uri} is not s3://bucket/key
   * @throws RuntimeException when S3 refuses the object
   */
  static void put(String uri, byte[] json, Map<String, String> env) {
    if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
      throw new IllegalArgumentException("RESULT_URI must be s3://bucket/key, got " + uri);
    }
    String bucket = uri.substring(5, uri.indexOf('/', 5));
    String key = uri.substring(uri.indexOf('/', 5) + 1);
    try (S3Client s3 = S3Objects.newClient(env)) {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType("application/json"),
          RequestBody.fromBytes(json));
    }
  }
}
