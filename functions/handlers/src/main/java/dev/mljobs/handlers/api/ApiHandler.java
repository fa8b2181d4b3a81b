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
import dev.mljobs.handlers.Priming;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The HTTP API (v1) behind API Gateway: parses the request, calls one use case, maps the answer.
 * Every error is an {@code application/problem+json} answer; nothing a client sends produces a 500,
 * and no exception text from inside ever reaches a client.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final String JOB_ID = "{job_id}";
  private static final String GROUP_ID = "{group_id}";
  private static final String TEMPLATE_ID = "{template_id}";

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
        GroupsApi.from(wiring));
  }

  /** The job, model, upload and webhook secret routes only: for tests of those. */
  public ApiHandler(
      JobsApi jobs, ModelsApi models, UploadsApi uploads, WebhookSecretsApi webhookSecrets) {
    this.routes = routeTable(jobs, models, uploads, webhookSecrets);
  }

  /** Every route: those above, the templates, the run history and the groups. */
  public ApiHandler(
      JobsApi jobs,
      ModelsApi models,
      UploadsApi uploads,
      WebhookSecretsApi webhookSecrets,
      TemplatesApi templates,
      RunsApi runs,
      GroupsApi groups) {
    this(jobs, models, uploads, webhookSecrets);
    on(routes, "POST", "/v1/templates", (request, id) -> templates.create(request));
    on(routes, "GET", "/v1/templates", (request, id) -> templates.list(request));
    on(routes, "GET", "/v1/templates/" + TEMPLATE_ID, templates::get);
    on(routes, "PATCH", "/v1/templates/" + TEMPLATE_ID, templates::edit);
    on(routes, "POST", "/v1/templates/" + TEMPLATE_ID + "/archive", templates::archive);
    on(routes, "GET", "/v1/runs", (request, id) -> runs.list(request));
    groupRoutes(routes, groups);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
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
      context.getLogger().log("request " + context.getAwsRequestId() + " failed: " + e);
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
      JobsApi jobs, ModelsApi models, UploadsApi uploads, WebhookSecretsApi webhookSecrets) {
    Map<String, Map<String, Endpoint>> table = new LinkedHashMap<>();
    on(table, "GET", "/health", (request, id) -> ApiResponses.json(200, Map.of("status", "ok")));
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
            || template[i].equals(GROUP_ID)) {
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
