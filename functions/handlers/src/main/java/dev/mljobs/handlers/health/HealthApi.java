package dev.mljobs.handlers.health;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code GET /health}: 200 with {@code status: ok} when every dependency answered, 503 with {@code
 * status: degraded} otherwise; each dependency with its status and latency. The route needs no
 * credentials, so the answer names kinds of services only, and says why one is down by an error
 * code, never by a message that could name a table, a bucket or an account.
 */
public final class HealthApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HealthChecks checks;

  public HealthApi(HealthChecks checks) {
    this.checks = checks;
  }

  public APIGatewayV2HTTPResponse get() {
    HealthReport report = checks.report();
    ObjectNode body = JSON.createObjectNode().put("status", report.up() ? "ok" : "degraded");
    ObjectNode dependencies = body.putObject("dependencies");
    report
        .dependencies()
        .forEach(
            (name, d) -> {
              ObjectNode o = dependencies.putObject(name);
              o.put("status", d.up() ? "up" : "down").put("latency_ms", d.latencyMs());
              if (d.error() != null) {
                o.put("error", d.error());
              }
            });
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(report.up() ? 200 : 503)
        .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
        .withBody(body.toString())
        .build();
  }
}
