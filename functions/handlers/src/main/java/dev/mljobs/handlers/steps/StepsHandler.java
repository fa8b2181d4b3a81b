package dev.mljobs.handlers.steps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.StorageUnavailableException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.core.job.JobType;
import dev.mljobs.core.job.RunDetails;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpace;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.handlers.BatchResults;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.handlers.HandlerSettings;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.observe.Invocations;
import dev.mljobs.handlers.observe.JobFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of {@code statemachines/job-lifecycle.asl.json}: {@code start}, {@code complete},
 * {@code attempt_failed} and {@code abandon}, each an idempotent call of {@link JobSteps}.
 */
public final class StepsHandler implements RequestStreamHandler {

  static final int LAMBDA_TIMEOUT_SECONDS = 900;
  static final int BATCH_TIMEOUT_SECONDS = 24 * 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Results larger than this go to the blob store; the job keeps a pointer (items max 400 KB). */
  static final int MAX_INLINE_RESULT_BYTES = 200 * 1024;

  private final JobSteps steps;
  private final CallbackTokens tokens;
  private final String callbackBaseUrl;
  private final BlobStore blobs;
  private final ModelCatalog models;
  private final OwnerSpaces spaces;

  /** Wires itself from the environment, once per cold start. */
  public StepsHandler() {
    this(new Wiring(System.getenv()));
  }

  public StepsHandler(Wiring wiring) {
    this(
        new JobSteps(
            wiring.jobStore(),
            wiring.jobRunStore(),
            new Services(wiring).trackedJobEvents(),
            wiring.clock(),
            new Services(wiring).jobQueue()),
        new CallbackTokens(wiring.require(HandlerSettings.CALLBACK_SECRET)),
        wiring.require(HandlerSettings.CALLBACK_BASE_URL),
        wiring.blobStore(),
        new ModelCatalog(wiring.modelStore(), null),
        wiring.ownerSpaces());
  }

  public StepsHandler(
      JobSteps steps,
      CallbackTokens tokens,
      String callbackBaseUrl,
      BlobStore blobs,
      ModelCatalog models,
      OwnerSpaces spaces) {
    this.steps = steps;
    this.spaces = spaces;
    this.tokens = tokens;
    this.callbackBaseUrl = callbackBaseUrl;
    this.blobs = blobs;
    this.models = models;
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    JsonNode request = JSON.readTree(in);
    UUID jobId = UUID.fromString(request.path("job_id").asText());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("job_id", jobId.toString());
    if (request.path("attempt").isInt()) {
      fields.put("attempt", request.get("attempt").asInt());
    }
    Invocations.loggedStream(
        context,
        () ->
            JSON.writeValue(
                out,
                JobFields.logged(
                    fields,
                    () -> {
                      try {
                        return answer(jobId, request);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })));
  }

  private ObjectNode answer(UUID jobId, JsonNode request) throws IOException {
    ObjectNode response =
        switch (request.path("action").asText()) {
          case "start" -> start(jobId);
          case "complete" -> complete(jobId, request);
          case "attempt_failed" -> attemptFailed(jobId, request);
          case "abandon" ->
              status(
                  steps
                      .abandon(jobId, FailureReasons.of(request.path("error"), 0).reason())
                      .map(JobSteps.Step::job));
          default ->
              throw new IllegalArgumentException(
                  "unknown action '" + request.path("action").asText() + "'");
        };
    return response;
  }

  private ObjectNode start(UUID jobId) {
    Optional<Job> started = steps.start(jobId);
    ObjectNode response = JSON.createObjectNode().put("run", started.isPresent());
    if (started.isEmpty()) {
      return response;
    }
    Job job = started.get();
    boolean batch =
        "batch".equals(job.params().path("runtime").asText())
            || job.jobType().equals(JobType.CONTAINER.wireName());
    int timeout =
        job.timeoutSeconds() != null
            ? job.timeoutSeconds()
            : batch ? BATCH_TIMEOUT_SECONDS : LAMBDA_TIMEOUT_SECONDS;
    response.put("attempt", job.attempts());
    response.put("started_at", job.currentAttemptStart().toString());
    response.put("runtime", batch ? "batch" : "lambda");
    response.put("timeout_seconds", timeout);
    ObjectNode work = response.putObject("work");
    work.put("job_id", job.jobId().toString());
    work.put("attempt", job.attempts());
    work.put("job_type", job.jobType());
    work.set("params", job.params());
    work.put("callback_url", callbackBaseUrl + "/v1/jobs/" + job.jobId() + "/progress");
    work.put("callback_token", tokens.tokenFor(job.jobId()));
    work.put(TraceIds.FIELD, job.traceId());
    String outputUri =
        job.jobType().equals("batch_inference")
            ? blobs.uriOf(BatchResults.prefixKey(job.jobId()))
            : null;
    if (outputUri != null) {
      work.put("output_uri", outputUri);
    }
    // what the worker may read: it checks every S3 read against it (a manifest cannot point out)
    OwnerSpace space = spaces.of(job.owner());
    space.uris().forEach(work.putArray(OwnerSpace.WORK_FIELD)::add);
    var environment = response.putArray("environment");
    environment.addObject().put("Name", "JOB_ID").put("Value", job.jobId().toString());
    environment.addObject().put("Name", "ATTEMPT").put("Value", Integer.toString(job.attempts()));
    environment.addObject().put("Name", "JOB_TYPE").put("Value", job.jobType());
    environment.addObject().put("Name", "JOB_PARAMS").put("Value", job.params().toString());
    environment
        .addObject()
        .put("Name", "RESULT_URI")
        .put("Value", blobs.uriOf(resultKey(job.jobId(), job.attempts())));
    environment
        .addObject()
        .put("Name", "CALLBACK_URL")
        .put("Value", work.get("callback_url").asText());
    environment
        .addObject()
        .put("Name", "CALLBACK_TOKEN")
        .put("Value", work.get("callback_token").asText());
    environment
        .addObject()
        .put("Name", OwnerSpace.WORK_ENV)
        .put("Value", String.join(" ", space.uris()));
    if (job.traceId() != null) {
      environment.addObject().put("Name", TraceIds.WORK_ENV).put("Value", job.traceId());
    }
    Model registered = registeredModel(job).orElse(null);
    if (registered != null) {
      work.set("model", registered.spec());
    }
    WorkerVariables.of(job.params(), outputUri, registered)
        .forEach((name, value) -> environment.addObject().put("Name", name).put("Value", value));
    return response;
  }

  /**
   * The registered model the job names, handed to the worker so that it needs no database. None for
   * a built-in model, and none for an unknown one: the worker then fails the job saying so.
   */
  private Optional<Model> registeredModel(Job job) {
    JsonNode modelId = job.params().path("model_id");
    return modelId.isTextual()
        ? models.find(job.owner(), modelId.asText()).filter(m -> !m.builtIn())
        : Optional.empty();
  }

  private ObjectNode complete(UUID jobId, JsonNode request) throws IOException {
    JsonNode outcome = request.path("outcome");
    JsonNode result = outcome.has("result") ? outcome.get("result") : batchResult(jobId, request);
    String resultUri = null;
    if (result != null) {
      byte[] bytes = JSON.writeValueAsBytes(result);
      if (bytes.length > MAX_INLINE_RESULT_BYTES) {
        resultUri = blobs.put("results/" + jobId + "/result.json", bytes, "application/json");
        result = null;
      }
    }
    return status(
        steps
            .complete(
                jobId,
                request.path("attempt").asInt(),
                startedAt(request),
                result,
                resultUri,
                completedOn(outcome))
            .map(JobSteps.Step::job));
  }

  /**
   * What ran a completed attempt: on Batch the job's id (the workflow keeps it as {@code
   * batch_job_id}) and exit code 0, since Batch succeeds a job only when its container exits so;
   * nothing on Lambda.
   */
  private static RunDetails completedOn(JsonNode outcome) {
    String batchJob = outcome.path("batch_job_id").asText("");
    return batchJob.isBlank() ? RunDetails.NONE : new RunDetails(batchJob, 0, null);
  }

  /** Where a Batch worker writes the result of an attempt: Batch returns no payload. */
  static String resultKey(UUID jobId, int attempt) {
    return "results/" + jobId + "/attempt-" + attempt + ".json";
  }

  /**
   * The result a Batch worker wrote for this attempt, or {@code null} on the Lambda path.
   *
   * @throws StorageUnavailableException when S3 did not answer: the workflow retries the step (its
   *     Retry names this class), so hours of work are not lost to one failed read
   * @throws IllegalStateException when the worker ended well but its result is not there or not
   *     JSON: completing without it would lose the work silently, so the workflow abandons the job
   *     with this reason instead
   */
  private JsonNode batchResult(UUID jobId, JsonNode request) {
    if (!request.path("outcome").has("batch_job_id")) {
      return null;
    }
    String uri = blobs.uriOf(resultKey(jobId, request.path("attempt").asInt()));
    try {
      return JSON.readTree(blobs.get(uri));
    } catch (StorageUnavailableException transientFailure) {
      throw transientFailure;
    } catch (IOException | RuntimeException unreadable) {
      throw new IllegalStateException(
          "the Batch worker ended well but its result " + uri + " cannot be read", unreadable);
    }
  }

  /** Records the failure; {@code retry} tells the workflow whether to back off and run again. */
  private ObjectNode attemptFailed(UUID jobId, JsonNode request) {
    FailureReasons.Failure failure =
        FailureReasons.of(request.path("error"), request.path("timeout_seconds").asInt());
    Optional<JobSteps.Step> step =
        steps.attemptFailed(
            jobId,
            request.path("attempt").asInt(),
            startedAt(request),
            failure.reason(),
            failure.kind(),
            failure.details());
    ObjectNode response = status(step.map(JobSteps.Step::job));
    response.put(
        "retry", step.map(s -> s.job().status().wireName().equals("queued")).orElse(false));
    return response;
  }

  private static Instant startedAt(JsonNode request) {
    String text = request.path("started_at").asText(null);
    return text == null ? null : Instant.parse(text);
  }

  private static ObjectNode status(Optional<Job> job) {
    return JSON.createObjectNode()
        .put("status", job.map(j -> j.status().wireName()).orElse("gone"));
  }
}
