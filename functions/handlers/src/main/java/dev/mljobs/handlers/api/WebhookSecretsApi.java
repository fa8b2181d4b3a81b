package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mljobs.core.webhook.OwnerSecrets;
import dev.mljobs.core.webhook.WebhookSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's webhook signing secret: shown (created on first use) and rotated. */
public final class WebhookSecretsApi {

  private final WebhookSecrets secrets;

  public WebhookSecretsApi(WebhookSecrets secrets) {
    this.secrets = secrets;
  }

  APIGatewayV2HTTPResponse get(ApiRequest request) {
    return ApiResponses.json(200, json(secrets.current(request.owner())));
  }

  APIGatewayV2HTTPResponse rotate(ApiRequest request) {
    return ApiResponses.json(200, json(secrets.rotate(request.owner())));
  }

  /** The current secret only: the previous one keeps signing for a while but is not shown again. */
  private static Map<String, Object> json(OwnerSecrets s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("secret", s.current().value());
    body.put("created_at", JobJson.time(s.rotatedAt()));
    body.put(
        "previous_secret_signs_until",
        s.previous() == null ? null : JobJson.time(s.rotatedAt().plus(OwnerSecrets.OVERLAP)));
    return body;
  }
}
