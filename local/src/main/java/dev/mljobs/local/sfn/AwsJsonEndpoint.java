package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Speaks the AWS JSON 1.0 protocol: {@code POST /} with {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>} and a JSON body; answers 200 with the response body, or 400 with
 * {@code {"__type": code, "message": ...}}, from which the SDK raises the modelled exception.
 */
final class AwsJsonEndpoint implements HttpHandler {
  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final Map<String, Operation> operations;

  AwsJsonEndpoint(Map<String, Operation> operations) {
    this.operations = Map.copyOf(operations);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      ObjectNode body;
      try {
        body = dispatch(exchange);
      } catch (ApiException e) {
        status = 400;
        body = error(e.code(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 500;
        body = error("ServiceUnavailable", "The service is shutting down");
      } catch (RuntimeException e) { // a defect or a disk failure: logged here, not echoed
        System.err.println("local Step Functions failed on " + target(exchange) + ": " + e);
        status = 500;
        body = error("InternalFailure", "The request processing has failed");
      }
      byte[] bytes = ApiJson.write(body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private ObjectNode dispatch(HttpExchange exchange) throws IOException, InterruptedException {
    String target = target(exchange);
    Operation operation =
        "POST".equals(exchange.getRequestMethod()) && target.startsWith(TARGET_PREFIX)
            ? operations.get(target.substring(TARGET_PREFIX.length()))
            : null;
    if (operation == null) {
      throw new ApiException("UnknownOperationException", "Unknown operation: '" + target + "'");
    }
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode body = text.isBlank() ? ApiJson.object() : ApiJson.parse(text).orElse(null);
    if (body == null || !body.isObject()) {
      throw new ApiException("SerializationException", "The request body is not a JSON object");
    }
    return operation.call(new Request((ObjectNode) body));
  }

  private static String target(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target == null ? "" : target;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode body = ApiJson.object();
    body.put("__type", code);
    body.put("message", message);
    return body;
  }
}
