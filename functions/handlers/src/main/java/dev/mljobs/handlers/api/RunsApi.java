package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.Require;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.RunPage;
import dev.mljobs.core.job.RunQuery;
import dev.mljobs.core.job.RunStatus;

/**
 * {@code GET /v1/runs}: the caller's run history across jobs, newest first, by template, schedule,
 * group and status. Runs are only read here: they are written once, when an attempt ends.
 */
public final class RunsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobRunStore runs;

  public RunsApi(JobRunStore runs) {
    this.runs = runs;
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    RunQuery query =
        RunQuery.byOwner(request.owner())
            .withLimit(
                Listing.limit(request.query("limit"), RunQuery.DEFAULT_LIMIT, RunQuery.MAX_LIMIT))
            .withTemplate(id(request, "template_id"))
            .withSchedule(id(request, "schedule_id"))
            .withGroup(id(request, "group_id"));
    String status = request.query("status");
    if (status != null) {
      try {
        query = query.withStatus(RunStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("status", "must be one of completed, failed, skipped, cancelled");
      }
    }
    ListCursor cursor = Listing.cursor(request.query("cursor"));
    RunPage page = runs.list(cursor == null ? query : query.after(cursor));
    ArrayNode list = JSON.createArrayNode();
    page.runs().forEach(r -> list.add(JobJson.run(r)));
    ObjectNode body = JSON.createObjectNode();
    body.set("runs", list);
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  /** An id filter: absent is no filter; one that is no id at all is a clear 400. */
  private static String id(ApiRequest request, String field) {
    String value = request.query(field);
    if (value == null) {
      return null;
    }
    try {
      return Require.id(value, field);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(field, e.getMessage().substring(field.length() + 1));
    }
  }
}
