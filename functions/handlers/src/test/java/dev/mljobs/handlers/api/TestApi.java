package dev.mljobs.handlers.api;

import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.s3.S3UploadUrls;
import dev.mljobs.core.group.GroupService;
import dev.mljobs.core.group.GroupTracking;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.storage.Uploads;
import dev.mljobs.core.template.JobChecks;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.InMemoryGroupStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.InMemoryTemplateStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The API handler over in-memory stores, one of each, as one deployment would share them. */
final class TestApi {

  final InMemoryJobStore store;
  final InMemoryJobRunStore runs = new InMemoryJobRunStore();
  final InMemoryBlobStore blobs = new InMemoryBlobStore();
  final InMemoryModelStore models = new InMemoryModelStore();
  final InMemoryTemplateStore templates = new InMemoryTemplateStore();
  final CallbackTokens tokens = new CallbackTokens("a-secret-of-enough-length");
  final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore();
  final ApiHandler handler;

  static final String DATA_BUCKET = "mljobs-data";
  static final long MAX_UPLOAD_BYTES = 1000;

  /** The owner areas of the deployment, and one grant: alice may also name s3://acme-data/a/. */
  static final OwnerSpaces SPACES =
      new OwnerSpaces(
          DATA_BUCKET, Buckets.OWNER_AREAS, OwnerSpaces.parseGrants("alice=s3://acme-data/a/"));

  final InMemoryGroupStore groups = new InMemoryGroupStore();
  final RecordingJobQueue queue = new RecordingJobQueue();

  /**
   * AWS rules (https only, no allow-list) over a resolver that knows one public host: the tests
   * need no network.
   */
  static final CallbackUrlPolicy CALLBACK_URLS =
      new CallbackUrlPolicy(
          true,
          List.of(),
          host -> {
            if (host.equals("hooks.example.com")) {
              return new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            }
            if (host.equals("intranet.example.com")) {
              return new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            }
            throw new UnknownHostException(host);
          });

  TestApi(SettableClock clock) {
    store = new InMemoryJobStore(clock);
    GroupTracking tracking = new GroupTracking(j -> {});
    JobService service =
        new JobService(
            store,
            runs,
            queue,
            new RecordingWorkflows(),
            tracking,
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    GroupService groupService =
        new GroupService(groups, store, service, queue, j -> {}, g -> {}, clock, UUID::randomUUID);
    tracking.follow(groupService);
    ModelCatalog catalog = new ModelCatalog(models, model -> List.of());
    TemplateService templateService =
        new TemplateService(
            templates, new JobChecks(catalog, SPACES), clock, () -> UUID.randomUUID().toString());
    handler =
        new ApiHandler(
            new JobsApi(
                service,
                runs,
                tokens,
                new QueuePositions(store),
                blobs,
                catalog,
                SPACES,
                CALLBACK_URLS,
                templateService),
            new ModelsApi(catalog, clock, SPACES),
            uploads(),
            new WebhookSecretsApi(new WebhookSecrets(secrets, clock, new SecureRandom())),
            new TemplatesApi(templateService),
            new RunsApi(runs),
            new GroupsApi(groupService, catalog, SPACES, CALLBACK_URLS, templateService));
  }

  /** Presigned uploads into the owner spaces of {@link #SPACES}. */
  static UploadsApi uploads() {
    return new UploadsApi(
        new Uploads(
            new S3UploadUrls(presigner(), DATA_BUCKET), SPACES, Buckets.UPLOADS, MAX_UPLOAD_BYTES));
  }

  /** Presigning is computed locally: no S3 server is needed to make a URL. */
  private static S3Presigner presigner() {
    return S3Presigner.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
        .endpointOverride(URI.create("http://127.0.0.1:9000"))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }
}
