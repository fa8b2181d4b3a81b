package dev.mljobs.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds AWS SDK clients from environment variables, the same way in AWS and locally: the region
 * from {@code AWS_REGION}, and an endpoint only when {@code AWS_ENDPOINT_URL_<SERVICE>} (or {@code
 * AWS_ENDPOINT_URL}) is set, as the local runtime does. The URL-connection HTTP client keeps cold
 * starts small.
 */
public final class AwsClients {

  private final Map<String, String> env;

  public AwsClients(Map<String, String> env) {
    this.env = env;
  }

  public DynamoDbClient dynamoDb() {
    return configure(DynamoDbClient.builder(), "DYNAMODB").httpClient(httpClient()).build();
  }

  /**
   * The HTTP client: the URL-connection client (smallest cold start) unless {@code
   * MLJOBS_HTTP_CLIENT=apache}. The local runtime picks Apache's, which sets TCP_NODELAY: the
   * URL-connection client sends a request's headers and body in two writes, and against a local
   * server each call then waits out a delayed ACK (about 40 ms).
   */
  public SdkHttpClient httpClient() {
    return "apache".equals(env.get("MLJOBS_HTTP_CLIENT"))
        ? Apache5HttpClient.builder().maxConnections(64).build()
        : UrlConnectionHttpClient.create();
  }

  /**
   * Applies region, endpoint and credentials to any SDK client builder.
   *
   * @param service the service's id in endpoint variables, e.g. {@code SQS}
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String service) {
    builder.region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")));
    String endpoint =
        env.getOrDefault(
            "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT), env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.credentialsProvider(credentials());
  }

  /**
   * The S3 presigner: the same region, endpoint and credentials as the S3 client; path-style when
   * an endpoint is set (the local S3 server), so a presigned URL points at that endpoint.
   */
  public S3Presigner s3Presigner() {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
            .credentialsProvider(credentials());
    String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null) {
      builder
          .endpointOverride(URI.create(endpoint))
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && secret != null && env.get("AWS_SESSION_TOKEN") == null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
