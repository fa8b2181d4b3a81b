package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Writes a handler's response back as API Gateway does, decoding base64 bodies. */
final class ResponseWriter {

  private ResponseWriter() {}

  static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
    var headers = exchange.getResponseHeaders();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach(headers::add);
    }
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
    }
    List<String> cookies = response.getCookies();
    if (cookies != null) {
      cookies.forEach(c -> headers.add("Set-Cookie", c));
    }
    String body = response.getBody();
    byte[] bytes =
        body == null
            ? new byte[0]
            : response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    if (!headers.containsKey("Content-Type") && bytes.length > 0) {
      headers.add("Content-Type", "application/json");
    }
    int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
    boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!noBody && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** A response API Gateway produces itself, in its own shape. */
  static APIGatewayV2HTTPResponse gatewayResponse(int status, String message) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody("{\"message\":\"" + message + "\"}")
        .build();
  }

  static void gatewayError(HttpExchange exchange, int status, String message) throws IOException {
    write(exchange, gatewayResponse(status, message));
  }
}
