package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an HTTP request into the event API Gateway's HTTP API sends with payload format 2.0:
 * lower-case header names with repeated values joined by commas, cookies split out, query
 * parameters decoded (repeats joined by commas), and a body that is base64-encoded unless it is
 * text. A body of a text type that is not valid UTF-8 is handed over base64-encoded too: the
 * emulator's choice, so that no decoding at the edge replaces bytes the handler must refuse (API
 * Gateway's own treatment of such a body is not documented).
 */
final class EventMapper {

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private EventMapper() {}

  static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
              } else {
                headers.put(lower, String.join(",", values));
              }
            });
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    // a text body that is not valid UTF-8 goes as base64, so the handler sees the bytes that came
    // and can refuse them, instead of a string in which the decoder replaced them
    boolean text = isText(headers.get("content-type")) && isUtf8(body);
    RequestContext.Http http =
        RequestContext.Http.builder()
            .withMethod(method)
            .withPath(path)
            .withProtocol(exchange.getProtocol())
            .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
            .withUserAgent(headers.get("user-agent"))
            .build();
    RequestContext context =
        RequestContext.builder()
            .withAccountId("000000000000")
            .withApiId("local")
            .withDomainName(headers.getOrDefault("host", "localhost"))
            .withDomainPrefix("localhost")
            .withHttp(http)
            .withRequestId(UUID.randomUUID().toString())
            .withRouteKey("$default")
            .withStage("$default")
            .withTime(REQUEST_TIME.format(now))
            .withTimeEpoch(now.toEpochMilli())
            .build();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString(query == null ? "" : query)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(query == null ? null : queryParameters(query))
        .withRequestContext(context)
        .withBody(
            body.length == 0
                ? null
                : text
                    ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !text)
        .build();
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Bodies of these types reach the handler as text; anything else as base64. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT).split(";", -1)[0].trim();
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/javascript");
  }
}
