package dev.mljobs.handlers.api;

import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/** The API handler over in-memory stores, one of each, as one deployment would share them. */
final class TestApi {

  final InMemoryJobStore store;
  final InMemoryJobRunStore runs = new InMemoryJobRunStore();
  final InMemoryBlobStore blobs = new InMemoryBlobStore();
  final InMemoryModelStore models = new InMemoryModelStore();
  final CallbackTokens tokens = new CallbackTokens("a-secret-of-enough-length");
  final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore();
  final ApiHandler handler;

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
    JobService service =
        new JobService(
            store,
            runs,
            new RecordingJobQueue(),
            new RecordingWorkflows(),
            j -> {},
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    ModelCatalog catalog = new ModelCatalog(models, model -> List.of());
    handler =
        new ApiHandler(
            new JobsApi(
                service, runs, tokens, new QueuePositions(store), blobs, catalog, CALLBACK_URLS),
            new ModelsApi(catalog, clock),
            new WebhookSecretsApi(new WebhookSecrets(secrets, clock, new SecureRandom())));
  }
}
