package dev.mljobs.handlers.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.api.JobRequestParser;
import dev.mljobs.handlers.api.Problem;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns uploaded files into jobs: an object {@code inputs/<owner>/<name>.job.json} holds a job
 * request (the body of {@code POST /v1/jobs}) and becomes a job of that owner. The object's key and
 * eTag are the idempotency key, so a redelivered notification never makes a second job. A request
 * that is not valid makes no job; the reasons are written next to it as {@code
 * <name>.job.json.error.json} (a problem document), where the uploader looks.
 */
public final class S3TriggerHandler implements RequestHandler<S3Event, String> {

  public static final String PREFIX = "inputs/";
  public static final String SUFFIX = ".job.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobService jobs;
  private final BlobStore blobs;
  private final String bucket;
  private final ModelCatalog models;
  private final CallbackUrlPolicy callbackUrls;

  /** Wires itself from the environment, once per cold start. */
  public S3TriggerHandler() {
    this(new Wiring(System.getenv()));
  }

  public S3TriggerHandler(Wiring wiring) {
    this(
        new Services(wiring).jobService(),
        wiring.blobStore(),
        Services.dataBucket(wiring),
        new ModelCatalog(wiring.modelStore(), null),
        wiring.callbackUrlPolicy());
  }

  public S3TriggerHandler(
      JobService jobs,
      BlobStore blobs,
      String bucket,
      ModelCatalog models,
      CallbackUrlPolicy callbackUrls) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.bucket = bucket;
    this.models = models;
    this.callbackUrls = callbackUrls;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    int created = 0;
    for (S3EventNotificationRecord record : event.getRecords()) {
      String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
      if (!record.getS3().getBucket().getName().equals(bucket)
          || !key.startsWith(PREFIX)
          || !key.endsWith(SUFFIX)) {
        continue;
      }
      String[] parts = key.substring(PREFIX.length()).split("/", 2);
      if (parts.length < 2 || parts[0].isBlank()) {
        reject(key, Problem.invalid("key", "must be inputs/<owner>/<name>.job.json"));
        continue;
      }
      try {
        JsonNode body = JSON.readTree(blobs.get("s3://" + bucket + "/" + key));
        String idempotencyKey = "s3:" + key + "#" + record.getS3().getObject().geteTag();
        NewJob request =
            JobRequestParser.parse(
                body, idempotencyKey.length() <= 255 ? idempotencyKey : null, parts[0], null);
        JobRequestParser.checkModel(request, models);
        JobRequestParser.checkCallbackUrl(request, callbackUrls);
        jobs.submit(request);
        created++;
      } catch (Problem problem) {
        reject(key, problem);
      } catch (IOException e) {
        reject(key, Problem.badRequest("the file is not valid JSON"));
      }
    }
    return "{\"jobs_created\":" + created + "}";
  }

  /** Writes why a file made no job next to it. */
  private void reject(String key, Problem problem) {
    blobs.put(
        key + ".error.json",
        problem.toResponse().getBody().getBytes(StandardCharsets.UTF_8),
        "application/problem+json");
  }
}
