package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** The parts of an API Gateway event the API reads, with the checks every route shares. */
final class ApiRequest {

  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final APIGatewayV2HTTPEvent event;

  ApiRequest(APIGatewayV2HTTPEvent event) {
    this.event = event;
  }

  String method() {
    return event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
  }

  String rawPath() {
    return event.getRawPath();
  }

  String[] pathSegments() {
    String path = event.getRawPath() == null ? "" : event.getRawPath();
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }

  String header(String name) {
    Map<String, String> headers = event.getHeaders();
    return headers == null ? null : headers.get(name.toLowerCase(Locale.ROOT));
  }

  String query(String name) {
    Map<String, String> query = event.getQueryStringParameters();
    return query == null ? null : query.get(name);
  }

  /**
   * The caller as the authorizer established it.
   *
   * @throws Problem 401 when the request carries no identity
   */
  String owner() {
    var authorizer = event.getRequestContext().getAuthorizer();
    String owner = authorizer == null ? null : identity(authorizer);
    if (owner == null || owner.isBlank()) {
      throw Problem.unauthorized("a valid API key is required");
    }
    return owner;
  }

  /**
   * Who the authorizer says the caller is: a JWT authorizer's {@code sub}, an IAM-authorized
   * caller's user ARN, or a Lambda authorizer's {@code owner} in its context.
   */
  private static String identity(APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer) {
    if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
      return authorizer.getJwt().getClaims().get("sub");
    }
    if (authorizer.getIam() != null) {
      return authorizer.getIam().getUserArn();
    }
    Object owner = authorizer.getLambda() == null ? null : authorizer.getLambda().get("owner");
    return owner instanceof String text ? text : null;
  }

  /**
   * The body as JSON.
   *
   * @throws Problem 415 for another content type, 413 past the size limit, 400 for bad JSON
   */
  JsonNode jsonBody() {
    String type = header("content-type");
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw Problem.unsupportedMediaType("the body must be application/json");
    }
    byte[] bytes = bodyBytes();
    if (bytes.length > MAX_BODY_BYTES) {
      throw Problem.tooLarge("the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    if (bytes.length == 0) {
      throw Problem.badRequest("the body is empty; a JSON object is expected");
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw Problem.badRequest(
          "the body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (java.io.IOException e) {
      throw Problem.badRequest("the body could not be read");
    }
  }

  private byte[] bodyBytes() {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded()
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }
}
