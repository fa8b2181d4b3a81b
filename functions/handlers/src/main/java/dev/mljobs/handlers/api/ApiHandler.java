package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mljobs.core.job.IllegalJobTransitionException;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.handlers.Wiring;
import java.util.Map;

/**
 * The HTTP API (v1) behind API Gateway: parses the request, calls one use case, maps the answer.
 * Every error is an {@code application/problem+json} answer; nothing a client sends produces a 500,
 * and no exception text from inside ever reaches a client.
 */
public final class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final JobsApi jobs;

  /** Wires itself from the environment, once per cold start. */
  public ApiHandler() {
    this(new Wiring(System.getenv()));
  }

  public ApiHandler(Wiring wiring) {
    this(JobsApi.from(wiring));
  }

  public ApiHandler(JobsApi jobs) {
    this.jobs = jobs;
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
    } catch (RuntimeException e) {
      context.getLogger().log("request " + context.getAwsRequestId() + " failed: " + e);
      return Problem.internal().toResponse();
    }
  }

  private APIGatewayV2HTTPResponse route(ApiRequest request) {
    String[] path = request.pathSegments();
    String method = request.method();
    if (path.length == 1 && path[0].equals("health")) {
      return request.expect(method, "GET", () -> ApiResponses.json(200, Map.of("status", "ok")));
    }
    if (path.length < 2 || !path[0].equals("v1") || !path[1].equals("jobs")) {
      throw Problem.notFound("no such resource: " + request.rawPath());
    }
    if (path.length == 2) {
      return switch (method) {
        case "POST" -> jobs.submit(request);
        case "GET" -> jobs.list(request);
        default -> throw Problem.methodNotAllowed(method + " is not allowed on /v1/jobs");
      };
    }
    if (path.length == 3) {
      return switch (method) {
        case "GET" -> jobs.get(request, path[2]);
        case "DELETE" -> jobs.cancel(request, path[2]);
        default -> throw Problem.methodNotAllowed(method + " is not allowed on a job");
      };
    }
    if (path.length == 4 && path[3].equals("runs")) {
      return request.expect(method, "GET", () -> jobs.runs(request, path[2]));
    }
    if (path.length == 4 && path[3].equals("result")) {
      return request.expect(method, "GET", () -> jobs.result(request, path[2]));
    }
    if (path.length == 4 && path[3].equals("progress")) {
      return request.expect(method, "POST", () -> jobs.progress(request, path[2]));
    }
    throw Problem.notFound("no such resource: " + request.rawPath());
  }
}
