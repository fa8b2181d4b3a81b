package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.trigger.Trigger;
import dev.mljobs.core.trigger.TriggerJob;
import dev.mljobs.core.trigger.TriggerJobPage;
import dev.mljobs.core.trigger.TriggerService;
import java.io.IOException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The trigger routes of the API: create, get, list, edit, enable, disable, delete, and the jobs and
 * results of a trigger (newest first, paged). Unknown triggers are mapped to 404 in {@link
 * ApiHandler}.
 */
public final class TriggersApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 100;

  private final TriggerService triggers;
  private final JobService jobs;
  private final BlobStore blobs;

  public TriggersApi(TriggerService triggers, JobService jobs, BlobStore blobs) {
    this.triggers = triggers;
    this.jobs = jobs;
    this.blobs = blobs;
  }

  APIGatewayV2HTTPResponse create(ApiRequest request) {
    Trigger created =
        triggers.create(request.owner(), TriggerRequestParser.parseNew(request.jsonBody()));
    return ApiResponses.json(
        201, json(created), Map.of("Location", "/v1/triggers/" + created.triggerId()));
  }

  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    return ApiResponses.json(200, json(find(request.owner(), id)));
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    ArrayNode all = JSON.createArrayNode();
    triggers.list(request.owner()).forEach(t -> all.add(json(t)));
    ObjectNode body = JSON.createObjectNode();
    body.set("triggers", all);
    return ApiResponses.json(200, body);
  }

  APIGatewayV2HTTPResponse edit(ApiRequest request, String id) {
    var change = TriggerRequestParser.parseEdit(request.jsonBody());
    return ApiResponses.json(200, json(triggers.edit(request.owner(), id, change)));
  }

  APIGatewayV2HTTPResponse enable(ApiRequest request, String id) {
    return ApiResponses.json(
        200, json(triggers.edit(request.owner(), id, TriggerRequestParser.enabled(true))));
  }

  APIGatewayV2HTTPResponse disable(ApiRequest request, String id) {
    return ApiResponses.json(
        200, json(triggers.edit(request.owner(), id, TriggerRequestParser.enabled(false))));
  }

  APIGatewayV2HTTPResponse delete(ApiRequest request, String id) {
    triggers.delete(request.owner(), id);
    return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
  }

  /** The trigger's jobs, newest first, each with the object it came from. */
  APIGatewayV2HTTPResponse jobs(ApiRequest request, String id) {
    return page(request, id, "jobs", TriggerJson::job);
  }

  /** What each of the trigger's jobs predicted, newest first. */
  APIGatewayV2HTTPResponse results(ApiRequest request, String id) {
    return page(
        request,
        id,
        "results",
        (j, job) -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("source_uri", j.sourceUri());
          o.put("job_id", j.jobId().toString());
          o.put("status", job == null ? "expired" : job.status().wireName());
          o.set("predictions", TriggerJson.predictions(result(job)));
          if (job != null && job.errorMessage() != null) {
            o.put("error_message", job.errorMessage());
          }
          return o;
        });
  }

  private APIGatewayV2HTTPResponse page(
      ApiRequest request, String id, String field, BiFunction<TriggerJob, Job, ObjectNode> view) {
    String owner = request.owner();
    int limit = Listing.limit(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    TriggerJobPage page = triggers.jobs(owner, id, Listing.cursor(request.query("cursor")), limit);
    ArrayNode items = JSON.createArrayNode();
    for (TriggerJob j : page.jobs()) {
      items.add(view.apply(j, jobs.find(owner, j.jobId()).orElse(null)));
    }
    ObjectNode body = JSON.createObjectNode();
    body.set(field, items);
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  private JsonNode result(Job job) {
    if (job == null || job.status() != JobStatus.COMPLETED) {
      return null;
    }
    if (job.resultUri() == null) {
      return job.result();
    }
    try {
      return JSON.readTree(blobs.get(job.resultUri()));
    } catch (IOException e) {
      throw new IllegalStateException("stored result of job " + job.jobId() + " is not JSON", e);
    }
  }

  private Trigger find(String owner, String id) {
    return triggers
        .find(owner, id)
        .orElseThrow(() -> Problem.notFound("trigger " + id + " not found"));
  }

  private ObjectNode json(Trigger t) {
    return TriggerJson.trigger(t, triggers.uploadPrefix(t));
  }
}
