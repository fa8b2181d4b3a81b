package dev.mljobs.worker.s3;

import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.storage.OwnerSpace;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The worker's S3: reads and writes of job inputs and outputs, and the client the model cache
 * downloads with. Region and credentials come from the environment as for any SDK client; {@code
 * AWS_ENDPOINT_URL_S3} points elsewhere than AWS (the local runtime). The client is made on first
 * use, so jobs that touch no S3 pay nothing for it.
 *
 * <p>A job reads through {@link #within} its owner's space: every read and listing outside it is
 * refused before S3 is asked, so the answer never tells whether an object exists there.
 */
public final class S3Objects implements AutoCloseable {

  private final Map<String, String> env;

  /** The instance whose client this one shares, or {@code null} for the one that owns it. */
  private final S3Objects shared;

  /** What may be read, or {@code null} when reads are not restricted (writes never are). */
  private final OwnerSpace space;

  private S3Client client;

  private S3Objects(Map<String, String> env, S3Objects shared, OwnerSpace space) {
    this.env = Map.copyOf(env);
    this.shared = shared;
    this.space = space;
  }

  /** S3 as the environment describes it ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}). */
  public static S3Objects fromEnvironment(Map<String, String> env) {
    return new S3Objects(env, null, null);
  }

  /**
   * The same S3 (and client) that reads only inside {@code space}. Writes are not restricted: the
   * worker writes only where the platform tells it (the job's output and result locations).
   */
  public S3Objects within(OwnerSpace space) {
    return new S3Objects(env, shared == null ? this : shared, space);
  }

  /**
   * Refuses a read of {@code uri} outside this instance's space.
   *
   * @throws IOException naming the URI and the reason, and nothing else
   */
  public void checkReadable(S3Uri uri) throws IOException {
    if (space != null) {
      var problem = space.problem(uri.toString());
      if (problem.isPresent()) {
        throw new IOException(uri + " " + problem.get());
      }
    }
  }

  /**
   * Builds a client from {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3} and, when {@code env}
   * holds them, the credentials {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
   * AWS_SESSION_TOKEN} (otherwise the SDK's default chain finds them).
   */
  private static S3Client newClient(Map<String, String> env) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
            .httpClient(UrlConnectionHttpClient.create());
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && secret != null) {
      String session = env.get("AWS_SESSION_TOKEN");
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              session == null
                  ? AwsBasicCredentials.create(key, secret)
                  : AwsSessionCredentials.create(key, secret, session)));
    }
    String endpoint = env.get("AWS_ENDPOINT_URL_S3");
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    return builder.build();
  }

  /** The client, made on first use and shared by every caller until {@link #close}. */
  public synchronized S3Client client() {
    if (shared != null) {
      return shared.client();
    }
    if (client == null) {
      client = newClient(env);
    }
    return client;
  }

  /**
   * Reads one object, whole.
   *
   * @param maxBytes the largest object accepted
   * @throws IOException with a reason naming the URI: missing, too large, refused; an {@link
   *     S3UnavailableException} when S3 could not answer now
   */
  public byte[] read(S3Uri uri, long maxBytes) throws IOException {
    if (uri.isPrefix()) {
      throw new IOException(uri + " is a prefix, not an object");
    }
    checkReadable(uri);
    try (ResponseInputStream<GetObjectResponse> in =
        client().getObject(b -> b.bucket(uri.bucket()).key(uri.key()))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new IOException(uri + " is " + length + " bytes, more than " + maxBytes);
      }
      return readAtMost(in, maxBytes, uri);
    } catch (NoSuchKeyException e) {
      throw new IOException(uri + " does not exist");
    } catch (NoSuchBucketException e) {
      throw new IOException(uri + " cannot be read: bucket " + uri.bucket() + " does not exist");
    } catch (S3Exception e) {
      throw failure(e, uri + " cannot be read: " + reason(e));
    } catch (SdkClientException e) {
      throw new S3UnavailableException(uri + " cannot be read: " + noAnswer(e));
    }
  }

  private static byte[] readAtMost(InputStream in, long maxBytes, S3Uri uri) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new IOException(uri + " is more than " + maxBytes + " bytes");
    }
    return bytes;
  }

  /**
   * Lists the objects under a prefix, in key order, leaving out folder markers (keys ending in
   * {@code /}).
   *
   * @param max the most objects wanted; one more is listed so the caller can tell there are more
   * @throws IOException with a reason naming the URI when the bucket cannot be listed
   */
  public List<S3Uri> list(S3Uri prefix, int max) throws IOException {
    checkReadable(prefix);
    List<S3Uri> found = new ArrayList<>();
    String token = null;
    try {
      do {
        String next = token;
        ListObjectsV2Response page =
            client()
                .listObjectsV2(
                    b -> b.bucket(prefix.bucket()).prefix(prefix.key()).continuationToken(next));
        for (S3Object o : page.contents()) {
          if (!o.key().endsWith("/")) {
            found.add(new S3Uri(prefix.bucket(), o.key()));
          }
        }
        token = page.isTruncated() ? page.nextContinuationToken() : null;
      } while (token != null && found.size() <= max);
    } catch (NoSuchBucketException e) {
      throw new IOException(
          prefix + " cannot be listed: bucket " + prefix.bucket() + " does not exist");
    } catch (S3Exception e) {
      throw failure(e, prefix + " cannot be listed: " + reason(e));
    } catch (SdkClientException e) {
      throw new S3UnavailableException(prefix + " cannot be listed: " + noAnswer(e));
    }
    return found.size() > max + 1 ? found.subList(0, max + 1) : found;
  }

  /**
   * Writes one object, replacing what was there.
   *
   * @throws IOException with a reason naming the URI when S3 refuses it
   */
  public void put(S3Uri uri, byte[] bytes, String contentType) throws IOException {
    if (uri.isPrefix()) {
      throw new IOException(uri + " is a prefix, not an object");
    }
    try {
      client()
          .putObject(
              b -> b.bucket(uri.bucket()).key(uri.key()).contentType(contentType),
              RequestBody.fromBytes(bytes));
    } catch (S3Exception e) {
      throw failure(e, uri + " cannot be written: " + reason(e));
    } catch (SdkClientException e) {
      throw new S3UnavailableException(uri + " cannot be written: " + noAnswer(e));
    }
  }

  /**
   * Whether S3's answer may change if asked again: throttling (429, 503 SlowDown) and server errors
   * may; a missing object or a refused access will not.
   */
  public static boolean mayPass(S3Exception e) {
    return e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
  }

  /** Whether an I/O failure of this class may pass when tried again (see {@link #mayPass}). */
  public static FailureKind kindOf(IOException e) {
    return e instanceof S3UnavailableException ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
  }

  private static IOException failure(S3Exception e, String message) {
    return mayPass(e) ? new S3UnavailableException(message) : new IOException(message);
  }

  /**
   * What a user needs of a client error: the SDK's own text names the endpoint's host and port (and
   * sometimes more of the platform's inside), which a job's error_message must not show.
   */
  private static String noAnswer(SdkClientException e) {
    return "S3 did not answer (" + e.getClass().getSimpleName() + ")";
  }

  private static String reason(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return (code == null ? "error" : code) + " (HTTP " + e.statusCode() + ")";
  }

  @Override
  public synchronized void close() {
    if (shared == null && client != null) {
      client.close();
      client = null;
    }
  }
}
