package dev.mljobs.handlers.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.InvalidJsonException;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.StrictJson;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.api.JobRequestParser;
import dev.mljobs.handlers.api.Problem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  private final JobService jobs;
  private final BlobStore blobs;
  private final String bucket;
  private final ModelCatalog models;
  private final OwnerSpaces spaces;
  private final CallbackUrlPolicy callbackUrls;
  private final TemplateService templates;

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
        wiring.ownerSpaces(),
        wiring.callbackUrlPolicy(),
        new Services(wiring).templateService());
  }

  /**
   * @param templates resolves a file's {@code template_id} as {@code POST /v1/jobs} does, or {@code
   *     null} to refuse files that name a template
   */
  public S3TriggerHandler(
      JobService jobs,
      BlobStore blobs,
      String bucket,
      ModelCatalog models,
      OwnerSpaces spaces,
      CallbackUrlPolicy callbackUrls,
      TemplateService templates) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.bucket = bucket;
    this.models = models;
    this.spaces = spaces;
    this.callbackUrls = callbackUrls;
    this.templates = templates;
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
      // the owner's segment as OwnerSpaces writes it: anything else names no owner
      String owner = parts.length < 2 ? null : OwnerSpaces.ownerOf(parts[0]).orElse(null);
      if (owner == null) {
        reject(key, Problem.invalid("key", "must be inputs/<owner>/<name>.job.json"));
        continue;
      }
      try {
        JsonNode body = StrictJson.read(blobs.get("s3://" + bucket + "/" + key));
        NewJob request =
            JobRequestParser.parse(
                body,
                idempotencyKey(key, record.getS3().getObject().geteTag()),
                owner,
                null,
                templates);
        if (request.templateId() == null) { // a template's job was checked when it was resolved
          JobRequestParser.checkUris(request, spaces);
          JobRequestParser.checkModel(request, models);
        }
        JobRequestParser.checkCallbackUrl(request, callbackUrls);
        jobs.submit(request);
        created++;
      } catch (Problem problem) {
        reject(key, problem);
      } catch (ArchivedTemplateException e) {
        reject(key, Problem.conflict(e.getMessage()));
      } catch (InvalidRequestException e) {
        reject(
            key,
            Problem.invalid(
                e.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), f.message()))
                    .toList()));
      } catch (InvalidJsonException e) {
        reject(key, Problem.invalid("body", "the file " + e.getMessage()));
      }
    }
    return "{\"jobs_created\":" + created + "}";
  }

  /**
   * The object's key and eTag; a digest of them when they are longer than an idempotency key may be
   * (an S3 key alone may take 1,024 bytes), so a long name is still made into one job only.
   */
  static String idempotencyKey(String key, String eTag) {
    String plain = "s3:" + key + "#" + eTag;
    if (KeyLimits.fits(plain, KeyLimits.IDEMPOTENCY_KEY_BYTES)) {
      return plain;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8));
      return "s3-sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Writes why a file made no job next to it. */
  private void reject(String key, Problem problem) {
    blobs.put(
        key + ".error.json",
        problem.toResponse().getBody().getBytes(StandardCharsets.UTF_8),
        "application/problem+json");
  }
}
