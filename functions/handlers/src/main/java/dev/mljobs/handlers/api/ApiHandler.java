package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mljobs.core.group.ConcurrentGroupModificationException;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.IllegalJobTransitionException;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.ConcurrentTemplateModificationException;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.trigger.TriggerNotFoundException;
import dev.mljobs.handlers.Priming;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.health.Dependencies;
import dev.mljobs.handlers.health.HealthApi;
import dev.mljobs.handlers.health.HealthChecks;
import dev.mljobs.handlers.observe.Invocations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (v1) behind API Gateway: parses the request, calls one use case, maps the answer.
 * Every error is an {@code application/problem+json} answer; nothing a client sends produces a 500,
 * and no exception text from inside ever reaches a client.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String JOB_ID = "{job_id}";
  private static final String GROUP_ID = "{group_id}";
  private static final String SCHEDULE_ID = "{schedule_id}";
  private static final String TEMPLATE_ID = "{template_id}";
  private static final String TRIGGER_ID = "{trigger_id}";

  /** The last segment of a path, and every segment after it: model ids may contain '/'. */
  private static final String MODEL_ID = "{model_id}";

  /** Path template, then method, then what answers it. */
  private final Map<String, Map<String, Endpoint>> routes;

  /** Wires itself from the environment, once per cold start. */
  public ApiHandler() {
    this(new Wiring(System.getenv()));
    // SnapStart: answer one health check before the snapshot (routing, Jackson, the response
    // classes loaded and run), so a restored function's first request is not a cold one
    Priming.beforeSnapshot(() -> handleRequest(HEALTH_CHECK, null));
  }

  /** The request priming answers: no owner, no AWS call. */
  static final APIGatewayV2HTTPEvent HEALTH_CHECK =
      APIGatewayV2HTTPEvent.builder()
          .withRawPath("/health")
          .withRequestContext(
              APIGatewayV2HTTPEvent.RequestContext.builder()
                  .withHttp(
                      APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                          .withMethod("GET")
                          .withPath("/health")
                          .build())
                  .build())
          .build();

  public ApiHandler(Wiring wiring) {
    this(
        JobsApi.from(wiring),
        new ModelsApi(new Services(wiring).modelCatalog(), wiring.clock(), wiring.ownerSpaces()),
        new UploadsApi(wiring.uploads()),
        new WebhookSecretsApi(new Services(wiring).webhookSecrets()),
        new TemplatesApi(new Services(wiring).templateService()),
        new RunsApi(wiring.jobRunStore()),
        GroupsApi.from(wiring),
        new TriggersApi(
            new Services(wiring).triggerService(),
            new Services(wiring).jobService(),
            wiring.blobStore()),
        new HealthApi(Dependencies.of(wiring)));
    withSchedules(SchedulesApi.from(wiring));
  }

  /** The API without dependency checks: {@code GET /health} reports none. */
  public ApiHandler(
      JobsApi jobs, ModelsApi models, UploadsApi uploads, WebhookSecretsApi webhookSecrets) {
    this(jobs, models, uploads, webhookSecrets, new HealthApi(HealthChecks.none(Instant::now)));
  }

  /** The job, model, upload and webhook secret routes only (and health): for tests of those. */
  public ApiHandler(
      JobsApi jobs,
      ModelsApi models,
      UploadsApi uploads,
      WebhookSecretsApi webhookSecrets,
      HealthApi health) {
    this.routes = routeTable(jobs, models, uploads, webhookSecrets, health);
  }

  /** Every route, with a health check that reports no dependencies: for tests. */
  public ApiHandler(
      JobsApi jobs,
      ModelsApi models,
      UploadsApi uploads,
      WebhookSecretsApi webhookSecrets,
      TemplatesApi templates,
      RunsApi runs,
      GroupsApi groups,
      TriggersApi triggers) {
    this(
        jobs,
        models,
        uploads,
        webhookSecrets,
        templates,
        runs,
        groups,
        triggers,
        new HealthApi(HealthChecks.none(Instant::now)));
  }

  /** Every route: those above, the templates, the run history, the groups and the triggers. */
  public ApiHandler(
      JobsApi jobs,
      ModelsApi models,
      UploadsApi uploads,
      WebhookSecretsApi webhookSecrets,
      TemplatesApi templates,
      RunsApi runs,
      GroupsApi groups,
      TriggersApi triggers,
      HealthApi health) {
    this(jobs, models, uploads, webhookSecrets, health);
    on(routes, "POST", "/v1/templates", (request, id) -> templates.create(request));
    on(routes, "GET", "/v1/templates", (request, id) -> templates.list(request));
    on(routes, "GET", "/v1/templates/" + TEMPLATE_ID, templates::get);
    on(routes, "PATCH", "/v1/templates/" + TEMPLATE_ID, templates::edit);
    on(routes, "POST", "/v1/templates/" + TEMPLATE_ID + "/archive", templates::archive);
    on(routes, "GET", "/v1/runs", (request, id) -> runs.list(request));
    groupRoutes(routes, groups);
    triggers(routes, triggers);
  }

  /** The trigger routes. */
  private static void triggers(Map<String, Map<String, Endpoint>> routes, TriggersApi triggers) {
    String one = "/v1/triggers/" + TRIGGER_ID;
    on(routes, "POST", "/v1/triggers", (request, id) -> triggers.create(request));
    on(routes, "GET", "/v1/triggers", (request, id) -> triggers.list(request));
    on(routes, "GET", one, triggers::get);
    on(routes, "PATCH", one, triggers::edit);
    on(routes, "DELETE", one, triggers::delete);
    on(routes, "POST", one + "/enable", triggers::enable);
    on(routes, "POST", one + "/disable", triggers::disable);
    on(routes, "GET", one + "/jobs", triggers::jobs);
    on(routes, "GET", one + "/results", triggers::results);
  }

  /** Adds the schedule routes; returns this handler. */
  public ApiHandler withSchedules(SchedulesApi schedules) {
    String one = "/v1/schedules/" + SCHEDULE_ID;
    on(routes, "POST", "/v1/schedules", (request, id) -> schedules.create(request));
    on(routes, "GET", "/v1/schedules", (request, id) -> schedules.list(request));
    on(routes, "GET", one, schedules::get);
    on(routes, "PATCH", one, schedules::patch);
    on(routes, "DELETE", one, schedules::delete);
    on(routes, "POST", one + "/enable", schedules::enable);
    on(routes, "POST", one + "/disable", schedules::disable);
    on(routes, "POST", one + "/trigger", schedules::trigger);
    on(routes, "POST", one + "/backfill", schedules::backfill);
    on(routes, "GET", one + "/jobs", schedules::jobs);
    on(routes, "GET", one + "/firings", schedules::firings);
    return this;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return Invocations.logged(context, () -> answer(event, context));
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Context context) {
    try {
      return route(new ApiRequest(event));
    } catch (Problem problem) {
      return problem.toResponse();
    } catch (JobNotFoundException e) {
      return Problem.notFound("job not found").toResponse();
    } catch (IllegalJobTransitionException e) {
      return Problem.conflict(e.getMessage()).toResponse();
    } catch (TemplateNotFoundException e) {
      return Problem.notFound("template " + e.templateId() + " not found").toResponse();
    } catch (TriggerNotFoundException e) {
      return Problem.notFound("trigger " + e.triggerId() + " not found").toResponse();
    } catch (ArchivedTemplateException e) {
      return Problem.conflict(e.getMessage()).toResponse();
    } catch (ConcurrentTemplateModificationException e) {
      return Problem.preconditionFailed(
              e.getMessage() + "; read it again (GET answers its version) and retry")
          .toResponse();
    } catch (InvalidRequestException e) {
      return Problem.invalid(
              e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList())
          .toResponse();
    } catch (ConcurrentJobModificationException e) {
      // every retry of the write lost to another writer of the job: nothing was written
      return Problem.conflict("the job changed while this request was written; try again")
          .toResponse();
    } catch (ConcurrentGroupModificationException e) {
      // every retry of the write lost to the group's members ending meanwhile: nothing written
      return Problem.conflict("the group changed while this request was written; try again")
          .toResponse();
    } catch (RuntimeException e) {
      LOG.error("request {} failed", context == null ? null : context.getAwsRequestId(), e);
      return Problem.internal().toResponse();
    }
  }

  /**
   * The operations served, as {@code "METHOD /path"} with {@code {job_id}}, {@code {template_id}}
   * or {@code {group_id}} for an id segment and {@code {model_id}} for the rest of the path (a
   * model id may contain {@code /}); {@code docs/openapi.yaml} documents exactly these.
   */
  Set<String> routes() {
    Set<String> all = new TreeSet<>();
    routes.forEach((path, methods) -> methods.keySet().forEach(m -> all.add(m + " " + path)));
    return all;
  }

  private static Map<String, Map<String, Endpoint>> routeTable(
      JobsApi jobs,
      ModelsApi models,
      UploadsApi uploads,
      WebhookSecretsApi webhookSecrets,
      HealthApi health) {
    Map<String, Map<String, Endpoint>> table = new LinkedHashMap<>();
    on(table, "GET", "/health", (request, id) -> health.get());
    on(table, "POST", "/v1/jobs", (request, id) -> jobs.submit(request));
    on(table, "GET", "/v1/jobs", (request, id) -> jobs.list(request));
    on(table, "GET", "/v1/jobs/" + JOB_ID, jobs::get);
    on(table, "DELETE", "/v1/jobs/" + JOB_ID, jobs::cancel);
    on(table, "GET", "/v1/jobs/" + JOB_ID + "/runs", jobs::runs);
    on(table, "GET", "/v1/jobs/" + JOB_ID + "/result", jobs::result);
    on(table, "GET", "/v1/jobs/" + JOB_ID + "/results", jobs::results);
    on(table, "POST", "/v1/jobs/" + JOB_ID + "/progress", jobs::progress);
    on(table, "POST", "/v1/models", (request, id) -> models.register(request));
    on(table, "GET", "/v1/models", (request, id) -> models.list(request));
    on(table, "GET", "/v1/models/" + MODEL_ID, models::get);
    on(table, "POST", "/v1/uploads", (request, id) -> uploads.start(request));
    on(table, "GET", "/v1/webhook-secret", (request, id) -> webhookSecrets.get(request));
    on(table, "POST", "/v1/webhook-secret/rotate", (request, id) -> webhookSecrets.rotate(request));
    return table;
  }

  private static void groupRoutes(Map<String, Map<String, Endpoint>> table, GroupsApi groups) {
    on(table, "POST", "/v1/groups", (request, id) -> groups.create(request));
    on(table, "GET", "/v1/groups", (request, id) -> groups.list(request));
    on(table, "GET", "/v1/groups/" + GROUP_ID, groups::get);
    on(table, "DELETE", "/v1/groups/" + GROUP_ID, groups::cancel);
    on(table, "PATCH", "/v1/groups/" + GROUP_ID, groups::reorder);
  }

  private static void on(
      Map<String, Map<String, Endpoint>> table, String method, String path, Endpoint endpoint) {
    table.computeIfAbsent(path, p -> new TreeMap<>()).put(method, endpoint);
  }

  private APIGatewayV2HTTPResponse route(ApiRequest request) {
    String[] path = request.pathSegments();
    String method = request.method();
    for (Map.Entry<String, Map<String, Endpoint>> route : routes.entrySet()) {
      String[] template = route.getKey().substring(1).split("/");
      boolean greedy = template[template.length - 1].equals(MODEL_ID);
      if (greedy ? path.length < template.length : template.length != path.length) {
        continue;
      }
      String id = null;
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        if (template[i].equals(JOB_ID)
            || template[i].equals(TEMPLATE_ID)
            || template[i].equals(GROUP_ID)
            || template[i].equals(TRIGGER_ID)
            || template[i].equals(SCHEDULE_ID)) {
          id = path[i];
        } else if (template[i].equals(MODEL_ID)) {
          id = String.join("/", java.util.Arrays.copyOfRange(path, i, path.length));
        } else {
          matches = template[i].equals(path[i]);
        }
      }
      if (!matches) {
        continue;
      }
      Endpoint endpoint = route.getValue().get(method);
      if (endpoint == null) {
        throw Problem.methodNotAllowed(
            method
                + " is not allowed on "
                + route.getKey()
                + "; use "
                + String.join(" or ", route.getValue().keySet()));
      }
      return endpoint.answer(request, id);
    }
    throw Problem.notFound("no such resource: " + request.rawPath());
  }

  /** One operation: answers a request, given the {@code {job_id}} or {@code {model_id}} part. */
  @FunctionalInterface
  private interface Endpoint {
    APIGatewayV2HTTPResponse answer(ApiRequest request, String id);
  }
}
