package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.util.Map;
import java.util.UUID;

/** The job routes of the API. */
public final class JobsApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OFFSET = 10_000;

  /** When to repeat a cancel whose webhook could not be scheduled: a queue outage is brief. */
  static final int CANCEL_RETRY_AFTER_SECONDS = 5;

  private final JobService service;
  private final JobRunStore runs;
  private final CallbackTokens tokens;
  private final QueuePositions positions;
  private final BlobStore blobs;
  private final ModelCatalog models;
  private final OwnerSpaces spaces;
  private final TemplateService templates;
  private final CallbackUrlPolicy callbackUrls;

  /** Job routes that refuse {@code template_id} (no templates in this deployment). */
  public JobsApi(
      JobService service,
      JobRunStore runs,
      CallbackTokens tokens,
      QueuePositions positions,
      BlobStore blobs,
      ModelCatalog models,
      OwnerSpaces spaces,
      CallbackUrlPolicy callbackUrls) {
    this(service, runs, tokens, positions, blobs, models, spaces, callbackUrls, null);
  }

  public JobsApi(
      JobService service,
      JobRunStore runs,
      CallbackTokens tokens,
      QueuePositions positions,
      BlobStore blobs,
      ModelCatalog models,
      OwnerSpaces spaces,
      CallbackUrlPolicy callbackUrls,
      TemplateService templates) {
    this.service = service;
    this.runs = runs;
    this.tokens = tokens;
    this.positions = positions;
    this.blobs = blobs;
    this.models = models;
    this.spaces = spaces;
    this.templates = templates;
    this.callbackUrls = callbackUrls;
  }

  static JobsApi from(Wiring wiring) {
    Services services = new Services(wiring);
    return new JobsApi(
        services.jobService(),
        wiring.jobRunStore(),
        new CallbackTokens(wiring.require(dev.mljobs.handlers.HandlerSettings.CALLBACK_SECRET)),
        new QueuePositions(wiring.jobStore()),
        wiring.blobStore(),
        services.modelCatalog(),
        wiring.ownerSpaces(),
        wiring.callbackUrlPolicy(),
        services.templateService());
  }

  APIGatewayV2HTTPResponse submit(ApiRequest request) {
    String owner = request.owner();
    NewJob job =
        JobRequestParser.parse(
            request.jsonBody(),
            request.header(JobRequestParser.IDEMPOTENCY_HEADER),
            owner,
            request.header(TraceIds.HEADER),
            templates);
    if (job.templateId() == null) { // a template's job was checked when it was resolved
      JobRequestParser.checkUris(job, spaces);
      JobRequestParser.checkModel(job, models);
    }
    JobRequestParser.checkCallbackUrl(job, callbackUrls);
    JobService.Submission submission = service.submit(job);
    Job stored = submission.job();
    return ApiResponses.json(
        submission.created() ? 202 : 200,
        // no position here: counting the queue would slow every submission down
        JobJson.job(stored, null),
        Map.of("Location", "/v1/jobs/" + stored.jobId()));
  }

  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    Job job =
        service
            .find(request.owner(), jobId(id))
            .orElseThrow(() -> Problem.notFound("job " + id + " not found"));
    return ApiResponses.json(200, JobJson.job(job, positions.of(job)));
  }

  APIGatewayV2HTTPResponse cancel(ApiRequest request, String id) {
    try {
      return ApiResponses.json(200, JobJson.job(service.cancel(request.owner(), jobId(id)), null));
    } catch (JobNotFoundException e) {
      throw Problem.notFound("job " + id + " not found");
    } catch (EventsUnavailableException e) {
      // the cancel is written and stands; only its webhook is not scheduled: a repeated DELETE is
      // what schedules it (the job then shows callback pending with no try)
      throw Problem.unavailable(
          "the job is cancelled, but its webhook could not be scheduled; send the same DELETE"
              + " again to schedule it",
          CANCEL_RETRY_AFTER_SECONDS);
    }
  }

  /** The result of a completed job, inline or read from where a large one was stored. */
  APIGatewayV2HTTPResponse result(ApiRequest request, String id) {
    Job job =
        service
            .find(request.owner(), jobId(id))
            .orElseThrow(() -> Problem.notFound("job " + id + " not found"));
    if (job.status() != JobStatus.COMPLETED) {
      throw Problem.conflict(
          "job " + id + " is " + job.status() + "; a result exists once it completed");
    }
    if (job.resultUri() == null) {
      return ApiResponses.json(200, job.result() == null ? JSON.nullNode() : job.result());
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(new String(blobs.get(job.resultUri()), java.nio.charset.StandardCharsets.UTF_8))
        .build();
  }

  /** A page of the per-item results of a completed {@code batch_inference} job. */
  APIGatewayV2HTTPResponse results(ApiRequest request, String id) {
    Job job =
        service
            .find(request.owner(), jobId(id))
            .orElseThrow(() -> Problem.notFound("job " + id + " not found"));
    if (!job.jobType().equals("batch_inference")) {
      throw Problem.conflict(
          "job "
              + id
              + " is a "
              + job.jobType()
              + " job; only batch_inference jobs have per-item"
              + " results (its result is at /v1/jobs/"
              + id
              + "/result)");
    }
    if (job.status() != JobStatus.COMPLETED) {
      throw Problem.conflict(
          "job " + id + " is " + job.status() + "; its results can be paged once it completed");
    }
    JsonNode summary;
    try {
      summary = job.resultUri() == null ? job.result() : JSON.readTree(blobs.get(job.resultUri()));
      return ApiResponses.json(
          200,
          new ResultPages(blobs)
              .page(job, summary, request.query("cursor"), request.query("limit")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("stored results of job " + id + " are not JSON", e);
    }
  }

  APIGatewayV2HTTPResponse runs(ApiRequest request, String id) {
    UUID jobId = jobId(id);
    service
        .find(request.owner(), jobId)
        .orElseThrow(() -> Problem.notFound("job " + id + " not found"));
    ArrayNode list = JSON.createArrayNode();
    runs.runsOf(jobId).forEach(r -> list.add(JobJson.run(r)));
    ObjectNode body = JSON.createObjectNode();
    body.set("runs", list);
    return ApiResponses.json(200, body);
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    JobQuery query = JobQuery.byOwner(request.owner()).withLimit(limit(request.query("limit")));
    String status = request.query("status");
    if (status != null) {
      try {
        query = query.withStatus(JobStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("status", e.getMessage().replaceFirst("^status ", ""));
      }
    }
    String jobType = request.query("job_type");
    if (jobType != null) {
      try {
        query = query.withJobType(jobType);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("job_type", e.getMessage().replaceFirst("^job_type ", ""));
      }
    }
    String cursor = request.query("cursor");
    String offset = request.query("offset");
    if (cursor != null && offset != null) {
      throw Problem.invalid("offset", "cannot be combined with cursor");
    }
    if (cursor != null) {
      try {
        query = query.after(PageCursor.decode(cursor));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("cursor", "is not a cursor returned by this API");
      }
    }
    JobPage page = offset == null ? service.list(query) : skip(query, offset(offset));
    ArrayNode jobs = JSON.createArrayNode();
    page.jobs().forEach(j -> jobs.add(JobJson.job(j, null)));
    ObjectNode body = JSON.createObjectNode();
    body.set("jobs", jobs);
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  /** {@code offset} reads and drops the jobs before it: correct, but slower than a cursor. */
  private JobPage skip(JobQuery query, int offset) {
    JobQuery scan = query;
    int toSkip = offset;
    while (toSkip > 0) {
      JobPage page = service.list(scan.withLimit(Math.min(JobQuery.MAX_LIMIT, toSkip)));
      toSkip -= page.jobs().size();
      if (page.next() == null) {
        return new JobPage(java.util.List.of(), null);
      }
      scan = scan.after(page.next());
    }
    return service.list(scan);
  }

  APIGatewayV2HTTPResponse progress(ApiRequest request, String id) {
    UUID jobId = jobId(id);
    String authorization = request.header("authorization");
    String token =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    if (!tokens.isValid(jobId, token)) {
      throw Problem.unauthorized("a valid callback token for this job is required");
    }
    JsonNode body = request.jsonBody();
    JsonNode progress = body.get("progress");
    if (progress == null
        || !progress.isIntegralNumber()
        || progress.asInt() < 0
        || progress.asInt() > 100) {
      throw Problem.invalid("progress", "is required: an integer from 0 to 100");
    }
    if (body.has("metrics") && !body.get("metrics").isObject()) {
      throw Problem.invalid("metrics", "must be an object");
    }
    Job job = service.reportProgress(jobId, progress.asInt());
    return ApiResponses.json(
        200, Map.of("job_id", id, "status", job.status().wireName(), "progress", job.progress()));
  }

  /** A job id is a UUID in its canonical form; anything else names no job. */
  private static UUID jobId(String text) {
    try {
      UUID id = UUID.fromString(text);
      if (id.toString().equalsIgnoreCase(text)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw Problem.notFound("job not found: a job id is a UUID");
  }

  private static int limit(String text) {
    if (text == null) {
      return JobQuery.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= JobQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.invalid("limit", "must be an integer from 1 to " + JobQuery.MAX_LIMIT);
  }

  private static int offset(String text) {
    try {
      int offset = Integer.parseInt(text);
      if (offset >= 0 && offset <= MAX_OFFSET) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.invalid(
        "offset", "must be an integer from 0 to " + MAX_OFFSET + "; use cursor to page further");
  }
}
