package dev.mljobs.local.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real AWS SDK v2 clients pointed at the local servers: the same clients the handlers use in AWS,
 * differing only in endpoint, credentials and region.
 */
public final class LocalClients {

  /** The account's dummy credentials; s3proxy checks signatures made with them. */
  public static final String ACCESS_KEY = "local";

  public static final String SECRET_KEY = "local-secret";

  public static final Region REGION = Region.US_EAST_1;

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

  private LocalClients() {}

  /** A DynamoDB client for {@code endpoint}. */
  public static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http())
        .build();
  }

  /** An SQS client for {@code endpoint}. */
  public static SqsClient sqs(URI endpoint) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http())
        .build();
  }

  /**
   * An S3 client for {@code endpoint}, with path-style URLs ({@code endpoint/bucket/key}): a local
   * server has no DNS name per bucket.
   *
   * <p>Checksums stay at the SDK's defaults ({@code WHEN_SUPPORTED}), as in AWS: over plain HTTP
   * the SDK then uploads {@code aws-chunked} with signed chunks and a CRC32 trailer ({@code
   * STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}). s3proxy 4.x verifies that framing, so the usual
   * workaround for older S3 emulators, {@code requestChecksumCalculation(WHEN_REQUIRED)}, is not
   * needed; LocalAwsIT uploads with a known and with an unknown length to keep it so.
   */
  public static S3Client s3(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClient(http())
        .forcePathStyle(true)
        .build();
  }

  /** A presigner whose URLs point at {@code endpoint}, path-style like {@link #s3(URI)}. */
  public static S3Presigner s3Presigner(URI endpoint) {
    return S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** Apache's client: it sets TCP_NODELAY, so no call waits out a delayed ACK (see AwsClients). */
  private static SdkHttpClient http() {
    return Apache5HttpClient.builder().maxConnections(64).build();
  }
}
