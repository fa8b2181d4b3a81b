package dev.mljobs.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiGatewayTest {

  private static final String KEY = "test-key-123";
  private static final AtomicReference<APIGatewayV2HTTPEvent> LAST = new AtomicReference<>();
  private static final AtomicReference<
          RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>
      BEHAVIOUR = new AtomicReference<>();
  private static HttpApiGateway gateway;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    gateway =
        new HttpApiGateway(
            0,
            "api",
            (event, context) -> {
              LAST.set(event);
              return BEHAVIOUR.get().handleRequest(event, context);
            },
            new BearerKeyAuthorizer(
                KEY, "local", e -> e.getRequestContext().getHttp().getPath().equals("/health")),
            new HttpApiGateway.Limits(1024, Duration.ofMillis(500)));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void answerOk() {
    LAST.set(null);
    BEHAVIOUR.set(
        (e, c) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build());
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery))
        .header("Authorization", "Bearer " + KEY);
  }

  private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return HTTP.send(request, BodyHandlers.ofByteArray());
  }

  @Test
  void a_request_becomes_a_payload_2_0_event() throws Exception {
    // when
    HttpResponse<byte[]> response =
        send(
            request("/v1/jobs?status=queued&limit=5&tag=a&tag=b&q=a%20b")
                .header("X-Trace", "t-1")
                .header("Cookie", "a=1; b=2")
                .POST(BodyPublishers.ofString("{\"job_type\":\"sleep\"}"))
                .header("Content-Type", "application/json")
                .build());
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    APIGatewayV2HTTPEvent event = LAST.get();
    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getRouteKey()).isEqualTo("$default");
    assertThat(event.getRawPath()).isEqualTo("/v1/jobs");
    assertThat(event.getRawQueryString()).isEqualTo("status=queued&limit=5&tag=a&tag=b&q=a%20b");
    assertThat(event.getQueryStringParameters())
        .containsEntry("status", "queued")
        .containsEntry("tag", "a,b")
        .containsEntry("q", "a b");
    assertThat(event.getHeaders()).containsEntry("x-trace", "t-1").doesNotContainKey("cookie");
    assertThat(event.getCookies()).containsExactly("a=1", "b=2");
    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(event.getRequestContext().getRequestId()).isNotBlank();
    assertThat(event.getBody()).isEqualTo("{\"job_type\":\"sleep\"}");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
        .containsEntry("sub", "local");
  }

  @Test
  void a_json_body_that_is_not_utf8_travels_as_base64_with_its_bytes_unchanged() throws Exception {
    // given: a lone continuation byte and an overlong encoding of '/' inside a JSON string
    byte[] body = {'{', '"', 'k', '"', ':', '"', (byte) 0x80, (byte) 0xc0, (byte) 0xaf, '"', '}'};
    // when
    send(
        request("/v1/jobs")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofByteArray(body))
            .build());
    // then: the handler gets the bytes, not a string with U+FFFD in their place
    assertThat(LAST.get().getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(LAST.get().getBody())).isEqualTo(body);
  }

  @Test
  void binary_bodies_travel_as_base64_both_ways() throws Exception {
    // given
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    BEHAVIOUR.set(
        (e, c) ->
            APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "image/png"))
                .withMultiValueHeaders(Map.of("X-Multi", List.of("1", "2")))
                .withCookies(List.of("s=1; HttpOnly"))
                .withBody(e.getBody())
                .withIsBase64Encoded(true)
                .build());
    // when
    HttpResponse<byte[]> response =
        send(
            request("/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(png))
                .build());
    // then
    assertThat(LAST.get().getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(LAST.get().getBody())).isEqualTo(png);
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo(png);
    assertThat(response.headers().firstValue("content-type")).contains("image/png");
    assertThat(response.headers().allValues("x-multi")).containsExactly("1", "2");
    assertThat(response.headers().allValues("set-cookie")).containsExactly("s=1; HttpOnly");
  }

  @Test
  void a_missing_or_wrong_key_is_refused_before_the_handler() throws Exception {
    HttpResponse<byte[]> none =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/jobs"))
                .build());
    HttpResponse<byte[]> wrong =
        send(request("/v1/jobs").header("Authorization", "Bearer nope").build());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(new String(none.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(LAST.get()).isNull();
  }

  @Test
  void an_open_route_needs_no_key_and_gets_no_claims() throws Exception {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health"))
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(LAST.get().getRequestContext().getAuthorizer()).isNull();
  }

  @Test
  void a_body_over_the_limit_gets_413() throws Exception {
    HttpResponse<byte[]> response =
        send(request("/v1/jobs").POST(BodyPublishers.ofByteArray(new byte[2048])).build());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(LAST.get()).isNull();
  }

  @Test
  void a_handler_that_throws_gets_a_bare_500() throws Exception {
    BEHAVIOUR.set(
        (e, c) -> {
          throw new IllegalStateException("secret internal detail");
        });
    HttpResponse<byte[]> response = send(request("/v1/jobs").build());
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Internal Server Error\"}");
  }

  @Test
  void a_handler_past_the_integration_timeout_gets_503() throws Exception {
    BEHAVIOUR.set(
        (e, c) -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        });
    long start = System.nanoTime();
    HttpResponse<byte[]> response = send(request("/slow").build());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }
}
