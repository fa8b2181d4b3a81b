package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.InvalidJsonException;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.StrictJson;
import dev.mljobs.core.storage.OwnerSpaces;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** The parts of an API Gateway event the API reads, with the checks every route shares. */
final class ApiRequest {

  static final int MAX_BODY_BYTES = 256 * 1024;

  /** A query parameter the API reads (cursor, limit, status ...): none needs more. */
  static final int MAX_QUERY_BYTES = KeyLimits.CURSOR_BYTES;

  /** A header the API reads: API Gateway's own bound on one header is 10,240 bytes. */
  static final int MAX_HEADER_BYTES = 8 * 1024;

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

  /**
   * @throws Problem 400 naming the header when it is longer than {@value #MAX_HEADER_BYTES} bytes
   *     or not valid Unicode
   */
  String header(String name) {
    Map<String, String> headers = event.getHeaders();
    String value = headers == null ? null : headers.get(name.toLowerCase(Locale.ROOT));
    return bounded(value, name, MAX_HEADER_BYTES);
  }

  /**
   * @throws Problem 400 naming the parameter when it is longer than {@value #MAX_QUERY_BYTES} bytes
   *     or not valid Unicode
   */
  String query(String name) {
    Map<String, String> query = event.getQueryStringParameters();
    return bounded(query == null ? null : query.get(name), name, MAX_QUERY_BYTES);
  }

  private static String bounded(String value, String field, int maxBytes) {
    if (value != null && !KeyLimits.fits(value, maxBytes)) {
      throw Problem.invalid(field, "must be at most " + maxBytes + " bytes");
    }
    if (value != null && !StrictJson.isWellFormed(value)) {
      throw Problem.invalid(field, "holds a lone surrogate (not valid Unicode)");
    }
    return value;
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
    if (owner.length() > KeyLimits.OWNER_CHARS
        || !StrictJson.isWellFormed(owner)
        || !OwnerSpaces.fitsAKey(owner)) {
      // an identity no store could key on: refused as no identity, never a 500 further in
      throw Problem.unauthorized(
          "the caller's identity must be at most "
              + KeyLimits.OWNER_CHARS
              + " characters and "
              + KeyLimits.OWNER_SEGMENT_BYTES
              + " bytes percent-encoded as UTF-8");
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
   * The body as JSON, read by the one strict reader ({@link StrictJson}).
   *
   * @throws Problem 415 for another content type, 413 past the size limit, 400 (naming {@code
   *     body}) for anything but one JSON value in well-formed UTF-8
   */
  JsonNode jsonBody() {
    String type = header("content-type");
    // with -1, a type of ";" alone still splits into a first part (empty)
    String mediaType = type == null ? "" : type.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
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
      return StrictJson.read(bytes);
    } catch (InvalidJsonException e) {
      throw Problem.invalid("body", e.getMessage());
    }
  }

  /**
   * The body's bytes. API Gateway hands a text body over as a string (already decoded: invalid
   * UTF-8 arrived replaced, which no check here can see) and anything else base64-encoded, whose
   * bytes are checked as they came. A string with a lone surrogate is refused, not replaced.
   */
  private byte[] bodyBytes() {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    if (body.length() > 2 * MAX_BODY_BYTES) {
      throw Problem.tooLarge("the body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    try {
      return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : StrictJson.utf8(body);
    } catch (InvalidJsonException e) {
      throw Problem.invalid("body", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("body", "is flagged base64 but is not base64");
    }
  }
}
