package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.schedule.ConcurrentScheduleModificationException;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringLedger;
import dev.mljobs.core.schedule.InvalidScheduleException;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleFirings;
import dev.mljobs.core.schedule.SchedulePage;
import dev.mljobs.core.schedule.ScheduleService;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.TemplateNotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

/** The schedule routes of the API: thin, each one use case of {@link ScheduleService}. */
public final class SchedulesApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScheduleService schedules;
  private final ScheduleFirings firings;
  private final Clock clock;

  public SchedulesApi(ScheduleService schedules, ScheduleFirings firings, Clock clock) {
    this.schedules = schedules;
    this.firings = firings;
    this.clock = clock;
  }

  static SchedulesApi from(dev.mljobs.handlers.Wiring wiring) {
    dev.mljobs.handlers.Services services = new dev.mljobs.handlers.Services(wiring);
    return new SchedulesApi(
        services.scheduleService(),
        services.scheduleFirings(services.jobService()),
        wiring.clock());
  }

  APIGatewayV2HTTPResponse create(ApiRequest request) {
    String owner = request.owner();
    return answer(
        () -> {
          Schedule s = schedules.create(owner, ScheduleRequestParser.create(request.jsonBody()));
          return ApiResponses.json(
              201, full(s), Map.of("Location", "/v1/schedules/" + s.scheduleId()));
        });
  }

  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    String owner = request.owner();
    return answer(() -> ApiResponses.json(200, full(schedules.get(owner, id))));
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    String owner = request.owner();
    int limit = Pages.limit(request.query("limit"));
    ListCursor after = Pages.listCursor(request.query("cursor"));
    SchedulePage page = schedules.list(owner, after, limit);
    ObjectNode body = JSON.createObjectNode();
    Instant now = clock.now();
    page.schedules()
        .forEach(s -> body.withArray("schedules").add(ScheduleJson.schedule(s, now, null)));
    body.withArray("schedules");
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  APIGatewayV2HTTPResponse patch(ApiRequest request, String id) {
    String owner = request.owner();
    return answer(
        () -> {
          var change = ScheduleRequestParser.patch(request.jsonBody());
          return ApiResponses.json(200, full(schedules.update(owner, id, change)));
        });
  }

  APIGatewayV2HTTPResponse enable(ApiRequest request, String id) {
    String owner = request.owner();
    return answer(() -> ApiResponses.json(200, full(schedules.enable(owner, id))));
  }

  APIGatewayV2HTTPResponse disable(ApiRequest request, String id) {
    String owner = request.owner();
    String note = null;
    if (request.header("content-type") != null) {
      JsonNode body = request.jsonBody();
      if (!body.isObject()) {
        throw Problem.badRequest("the body must be a JSON object");
      }
      body.fieldNames()
          .forEachRemaining(
              f -> {
                if (!f.equals("note")) {
                  throw Problem.invalid(f, "is not a field of a disable request");
                }
              });
      JsonNode n = body.get("note");
      if (n != null && !n.isNull() && !n.isTextual()) {
        throw Problem.invalid("note", "must be a string");
      }
      note = n == null || n.isNull() ? null : n.asText();
    }
    String why = note;
    return answer(() -> ApiResponses.json(200, full(schedules.disable(owner, id, why))));
  }

  APIGatewayV2HTTPResponse delete(ApiRequest request, String id) {
    String owner = request.owner();
    return answer(
        () -> {
          schedules.delete(owner, id);
          return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
        });
  }

  APIGatewayV2HTTPResponse trigger(ApiRequest request, String id) {
    String owner = request.owner();
    return answer(
        () -> {
          Firing f = firings.trigger(owner, id);
          return ApiResponses.json(202, ScheduleJson.firing(f, zone(owner, id)));
        });
  }

  APIGatewayV2HTTPResponse backfill(ApiRequest request, String id) {
    String owner = request.owner();
    JsonNode body = request.jsonBody();
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!f.equals("from") && !f.equals("to")) {
                throw Problem.invalid(f, "is not a field of a backfill request");
              }
            });
    Instant from = instant(body, "from");
    Instant to = instant(body, "to");
    return answer(
        () -> {
          ScheduleFirings.Backfill done = firings.backfill(owner, id, from, to);
          ZoneId zone = zone(owner, id);
          ObjectNode out = JSON.createObjectNode();
          out.put("created", done.created());
          done.firings().forEach(f -> out.withArray("firings").add(ScheduleJson.firing(f, zone)));
          out.withArray("firings");
          return ApiResponses.json(200, out);
        });
  }

  APIGatewayV2HTTPResponse jobs(ApiRequest request, String id) {
    String owner = request.owner();
    int limit = Pages.limit(request.query("limit"));
    String cursor = request.query("cursor");
    PageCursor after;
    try {
      after = cursor == null ? null : PageCursor.decode(cursor);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("cursor", "is not a cursor returned by this API");
    }
    return answer(
        () -> {
          JobPage page = firings.jobs(owner, id, after, limit);
          ObjectNode body = JSON.createObjectNode();
          page.jobs().forEach(j -> body.withArray("jobs").add(JobJson.job(j, null)));
          body.withArray("jobs");
          body.put("next_cursor", page.next() == null ? null : page.next().encode());
          return ApiResponses.json(200, body);
        });
  }

  APIGatewayV2HTTPResponse firings(ApiRequest request, String id) {
    String owner = request.owner();
    int limit = Pages.limit(request.query("limit"));
    ListCursor after = Pages.listCursor(request.query("cursor"));
    return answer(
        () -> {
          FiringLedger.Page page = firings.firings(owner, id, after, limit);
          ZoneId zone = zone(owner, id);
          ObjectNode body = JSON.createObjectNode();
          page.firings().forEach(f -> body.withArray("firings").add(ScheduleJson.firing(f, zone)));
          body.withArray("firings");
          body.put("next_cursor", page.next() == null ? null : page.next().encode());
          return ApiResponses.json(200, body);
        });
  }

  private ObjectNode full(Schedule s) {
    return ScheduleJson.schedule(s, clock.now(), firings.jobCounts(s));
  }

  private ZoneId zone(String owner, String id) {
    return schedules.get(owner, id).timezone().zoneId();
  }

  private static Instant instant(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual()) {
      throw Problem.invalid(field, "is required: an ISO-8601 date-time with an offset");
    }
    try {
      return OffsetDateTime.parse(v.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw Problem.invalid(
          field, "must be an ISO-8601 date-time with an offset, e.g. 2027-01-15T09:00:00Z");
    }
  }

  /** Runs one use case and maps its refusals onto problems; stored contents are never echoed. */
  private static APIGatewayV2HTTPResponse answer(Supplier<APIGatewayV2HTTPResponse> call) {
    try {
      return call.get();
    } catch (InvalidScheduleException e) {
      throw Problem.invalid(e.field(), e.reason());
    } catch (dev.mljobs.core.schedule.ScheduleNotFoundException e) {
      throw Problem.notFound("schedule " + e.scheduleId() + " not found");
    } catch (TemplateNotFoundException e) {
      throw Problem.notFound("template " + e.templateId() + " not found");
    } catch (ArchivedTemplateException e) {
      throw Problem.conflict(e.getMessage());
    } catch (dev.mljobs.core.storage.InvalidRequestException e) {
      // the template now makes a job the API refuses (a model removed since, say)
      throw Problem.invalid(
          e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
    } catch (ConcurrentScheduleModificationException e) {
      throw Problem.conflict("the schedule changed while this request was written; try again");
    }
  }

  /** Paging parameters shared by the schedule listings. */
  static final class Pages {
    private Pages() {}

    static int limit(String text) {
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

    static ListCursor listCursor(String text) {
      try {
        return text == null ? null : ListCursor.decode(text);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("cursor", "is not a cursor returned by this API");
      }
    }
  }
}
