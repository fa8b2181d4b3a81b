package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An error answer in RFC 9457 form ({@code application/problem+json}): {@code type}, {@code title},
 * {@code status}, {@code detail}, and for validation the {@code errors} with the field and what is
 * wrong with it.
 */
public final class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One wrong field. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public Problem(int status, String title, String detail, List<FieldError> errors) {
    this(status, title, detail, errors, Map.of());
  }

  private Problem(
      int status,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static Problem invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new Problem(400, "Invalid request", detail, errors);
  }

  public static Problem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad request", detail, List.of());
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "Unauthorized", detail, List.of());
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not found", detail, List.of());
  }

  public static Problem methodNotAllowed(String detail) {
    return new Problem(405, "Method not allowed", detail, List.of());
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "Conflict", detail, List.of());
  }

  public static Problem preconditionFailed(String detail) {
    return new Problem(412, "Precondition failed", detail, List.of());
  }

  public static Problem tooLarge(String detail) {
    return new Problem(413, "Payload too large", detail, List.of());
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "Unsupported media type", detail, List.of());
  }

  public static Problem internal() {
    return new Problem(
        500,
        "Internal error",
        "the request could not be completed; it is safe to retry",
        List.of());
  }

  public static Problem unavailable(String detail) {
    return new Problem(503, "Service unavailable", detail, List.of());
  }

  /** A 503 with {@code Retry-After}: the request may be sent again after that many seconds. */
  public static Problem unavailable(String detail, int retryAfterSeconds) {
    return new Problem(
        503,
        "Service unavailable",
        detail,
        List.of(),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  /** The wrong fields of a validation problem (empty for other problems). */
  public List<FieldError> errors() {
    return errors;
  }

  public APIGatewayV2HTTPResponse toResponse() {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "https://mljobs.dev/problems/" + title.toLowerCase().replace(' ', '-'));
    body.put("title", title);
    body.put("status", status);
    body.put("detail", getMessage());
    if (!errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.message()));
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(withContentType())
        .withBody(body.toString())
        .build();
  }

  private Map<String, String> withContentType() {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/problem+json");
    return all;
  }
}
