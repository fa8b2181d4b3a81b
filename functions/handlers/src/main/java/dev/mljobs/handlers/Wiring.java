package dev.mljobs.handlers;

import dev.mljobs.aws.AwsClients;
import dev.mljobs.aws.SystemClock;
import dev.mljobs.aws.dynamodb.DynamoDbGroupStore;
import dev.mljobs.aws.dynamodb.DynamoDbJobRunStore;
import dev.mljobs.aws.dynamodb.DynamoDbJobStore;
import dev.mljobs.aws.dynamodb.DynamoDbModelStore;
import dev.mljobs.aws.dynamodb.DynamoDbTemplateStore;
import dev.mljobs.aws.dynamodb.DynamoDbWebhookSecretStore;
import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.s3.BucketNames;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.s3.OwnerSettings;
import dev.mljobs.aws.s3.S3BlobStore;
import dev.mljobs.aws.s3.S3UploadUrls;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.Clock;
import dev.mljobs.core.group.GroupStore;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.model.ModelInspector;
import dev.mljobs.core.model.ModelStore;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.storage.Uploads;
import dev.mljobs.core.template.TemplateStore;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.WebhookSecretStore;
import dev.mljobs.handlers.webhooks.HttpWebhookSender;
import java.util.Map;
import java.util.ServiceLoader;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The collaborators of the handlers, built once per cold start from environment variables. In AWS
 * the stack sets them; locally the runtime passes the same names pointing at local endpoints.
 */
public final class Wiring {

  private final Map<String, String> env;
  private final AwsClients clients;
  private final Clock clock = new SystemClock();
  private DynamoDbClient dynamo;
  private CallbackUrlPolicy callbackUrlPolicy;
  private HttpWebhookSender webhookSender;

  public Wiring(Map<String, String> env) {
    this.env = env;
    this.clients = new AwsClients(env);
  }

  public Map<String, String> env() {
    return env;
  }

  public AwsClients clients() {
    return clients;
  }

  public Clock clock() {
    return clock;
  }

  public synchronized DynamoDbClient dynamo() {
    if (dynamo == null) {
      dynamo = clients.dynamoDb();
    }
    return dynamo;
  }

  public JobStore jobStore() {
    return new DynamoDbJobStore(dynamo(), TableNames.fromEnv(env), clock);
  }

  public JobRunStore jobRunStore() {
    return new DynamoDbJobRunStore(dynamo(), TableNames.fromEnv(env));
  }

  public TemplateStore templateStore() {
    return new DynamoDbTemplateStore(dynamo(), TableNames.fromEnv(env));
  }

  public GroupStore groupStore() {
    return new DynamoDbGroupStore(dynamo(), TableNames.fromEnv(env));
  }

  public ModelStore modelStore() {
    return new DynamoDbModelStore(dynamo(), TableNames.fromEnv(env));
  }

  public WebhookSecretStore webhookSecretStore() {
    return new DynamoDbWebhookSecretStore(dynamo(), TableNames.fromEnv(env));
  }

  /**
   * Which webhook addresses may be called: {@code MLJOBS_CALLBACK_ALLOW} (hosts or CIDRs let
   * through on purpose) and {@code MLJOBS_CALLBACK_HTTP=true} (plain http, set by the local
   * runtime; https only otherwise, as in AWS).
   */
  public synchronized CallbackUrlPolicy callbackUrlPolicy() {
    if (callbackUrlPolicy == null) {
      callbackUrlPolicy = CallbackUrlPolicy.fromEnv(env);
    }
    return callbackUrlPolicy;
  }

  /** One HTTP client for webhooks per cold start: it keeps connections to receivers open. */
  public synchronized HttpWebhookSender webhookSender() {
    if (webhookSender == null) {
      webhookSender = new HttpWebhookSender(callbackUrlPolicy());
    }
    return webhookSender;
  }

  /**
   * What checks a model before it is registered: the ONNX Runtime inspector of module {@code
   * mljobs-worker} when this function is packaged with it (found by {@link ServiceLoader}), else
   * {@code null} and registration is refused.
   */
  public ModelInspector modelInspector() {
    return ServiceLoader.load(ModelInspector.Provider.class)
        .findFirst()
        .map(provider -> provider.create(env))
        .orElse(null);
  }

  /** Large results, in the data bucket ({@code DATA_BUCKET}, default {@code mljobs-data}). */
  public BlobStore blobStore() {
    S3Client s3 =
        clients
            .configure(S3Client.builder(), "S3")
            .forcePathStyle(env.containsKey("AWS_ENDPOINT_URL_S3"))
            .httpClient(clients.httpClient())
            .build();
    return new S3BlobStore(s3, BucketNames.fromEnv(env).data());
  }

  /**
   * Every owner's S3 space: its areas of the data bucket and the prefixes granted to it ({@code
   * MLJOBS_OWNER_PREFIXES}).
   *
   * @throws IllegalArgumentException naming the setting when the grants are malformed
   */
  public OwnerSpaces ownerSpaces() {
    return OwnerSettings.spaces(env);
  }

  /** Presigned uploads into the owners' upload areas, at most {@code MLJOBS_MAX_UPLOAD_BYTES}. */
  public Uploads uploads() {
    return new Uploads(
        new S3UploadUrls(clients.s3Presigner(), BucketNames.fromEnv(env).data()),
        ownerSpaces(),
        Buckets.UPLOADS,
        OwnerSettings.maxUploadBytes(env));
  }

  /**
   * A required setting.
   *
   * @throws IllegalStateException naming the variable when it is not set
   */
  public String require(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
