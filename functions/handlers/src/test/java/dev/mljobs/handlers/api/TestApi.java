package dev.mljobs.handlers.api;

import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.util.List;
import java.util.UUID;

/** The API handler over in-memory stores, one of each, as one deployment would share them. */
final class TestApi {

  final InMemoryJobStore store;
  final InMemoryJobRunStore runs = new InMemoryJobRunStore();
  final InMemoryBlobStore blobs = new InMemoryBlobStore();
  final InMemoryModelStore models = new InMemoryModelStore();
  final CallbackTokens tokens = new CallbackTokens("a-secret-of-enough-length");
  final ApiHandler handler;

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
            new JobsApi(service, runs, tokens, new QueuePositions(store), blobs, catalog),
            new ModelsApi(catalog, clock));
  }
}
