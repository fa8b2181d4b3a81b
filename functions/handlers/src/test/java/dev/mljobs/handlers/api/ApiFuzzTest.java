package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.Job;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Drives the API handler with arbitrary requests (bodies, base64 bytes, methods, paths, query
 * strings, headers, with and without a caller) and holds that nothing a client sends is answered
 * with a 5xx or escapes as an exception. Over the in-memory stores of the testkit, whose contract
 * tests run against DynamoDB Local too; {@code ApiFuzzIT} runs a shorter round against the local
 * runtime's real servers. Bounded in tries so that it runs in every build.
 */
class ApiFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestApi API =
      new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z")));

  /** A running job of alice, so that progress reports and job routes get past their lookups. */
  private static final UUID JOB = runningJob();

  private static UUID runningJob() {
    APIGatewayV2HTTPResponse submitted =
        API.handler.handleRequest(
            ApiEvents.event(
                "POST",
                "/v1/jobs",
                "alice",
                "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}",
                Map.of("content-type", "application/json")),
            ApiEvents.CONTEXT);
    try {
      UUID id = UUID.fromString(JSON.readTree(submitted.getBody()).get("job_id").asText());
      Job job = API.store.find(id).orElseThrow();
      API.store.update(job.start(Instant.parse("2026-03-01T10:00:01Z")));
      return id;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
  void no_text_body_gets_a_5xx(
      @ForAll("methods") String method,
      @ForAll("paths") String path,
      @ForAll("queries") Map<String, String> query,
      @ForAll("headers") Map<String, String> headers,
      @ForAll("bodies") String body,
      @ForAll("owners") String owner)
      throws Exception {
    APIGatewayV2HTTPEvent event =
        ApiEvents.event(method, path, owner, body, new HashMap<>(headers));
    event.setQueryStringParameters(query.isEmpty() ? null : query);
    Statistics.label("answer").collect(assertAnsweredBelow500(event));
    // not vacuous: the generated requests reach past the parser, to the fields and the stores
    Statistics.label("answer")
        .coverage(
            answers -> {
              answers.check("accepted").percentage(p -> p > 1);
              answers.check("refused: a field").percentage(p -> p > 3);
              answers.check("refused: the body").percentage(p -> p > 1);
            });
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void no_binary_body_gets_a_5xx(
      @ForAll("methods") String method,
      @ForAll("paths") String path,
      @ForAll("headers") Map<String, String> headers,
      @ForAll("bytes") byte[] body)
      throws Exception {
    APIGatewayV2HTTPEvent event =
        ApiEvents.event(
            method,
            path,
            "alice",
            Base64.getEncoder().encodeToString(body),
            new HashMap<>(headers));
    event.setIsBase64Encoded(true);
    assertAnsweredBelow500(event);
  }

  /**
   * Valid requests of every route that builds keys from the caller, from any identity an authorizer
   * may hand over: the identity alone must never turn one into a 5xx.
   */
  @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
  void no_identity_gets_a_5xx(
      @ForAll("owners") String owner, @ForAll("submissions") Map.Entry<String, String> submission)
      throws Exception {
    APIGatewayV2HTTPEvent event =
        ApiEvents.event(
            "POST",
            submission.getKey(),
            owner,
            submission.getValue(),
            new HashMap<>(Map.of("content-type", "application/json")));
    Statistics.label("answer").collect(assertAnsweredBelow500(event));
  }

  @Provide
  Arbitrary<Map.Entry<String, String>> submissions() {
    return Arbitraries.of(
        Map.entry("/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"),
        Map.entry(
            "/v1/uploads",
            "{\"filename\":\"x.png\",\"content_type\":\"image/png\",\"size_bytes\":1}"),
        Map.entry(
            "/v1/models",
            "{\"model_id\":\"acme/m\",\"task_type\":\"image_classification\","
                + "\"model_uri\":\"s3://mljobs-data/models/alice/m.onnx\",\"labels\":[\"a\"],"
                + "\"preprocessing\":{\"width\":8,\"height\":8,\"resize\":\"letterbox\"}}"));
  }

  /** Asserts the answer is a 2xx, or a 4xx problem; says which kind of answer it was. */
  private static String assertAnsweredBelow500(APIGatewayV2HTTPEvent event) throws Exception {
    APIGatewayV2HTTPResponse response = API.handler.handleRequest(event, ApiEvents.CONTEXT);
    assertThat(response.getStatusCode()).as(response.getBody()).isBetween(200, 499);
    if (response.getStatusCode() < 400) {
      return "accepted";
    }
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(response.getStatusCode());
    assertThat(problem.get("detail").asText()).isNotBlank();
    String field = problem.at("/errors/0/field").asText(null);
    return field == null
        ? "refused: " + response.getStatusCode()
        : field.equals("body") ? "refused: the body" : "refused: a field";
  }

  @Provide
  Arbitrary<String> methods() {
    return FuzzedRequests.method();
  }

  @Provide
  Arbitrary<String> paths() {
    return FuzzedRequests.path(JOB.toString());
  }

  @Provide
  Arbitrary<Map<String, String>> queries() {
    return FuzzedRequests.query();
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return FuzzedRequests.headers(API.tokens.tokenFor(JOB));
  }

  @Provide
  Arbitrary<String> bodies() {
    return FuzzedRequests.body();
  }

  @Provide
  Arbitrary<String> owners() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.just("alice")),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("bob")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("o".repeat(257), "a\uD800", " ")),
        // identities as an authorizer may name them: ARNs, non-ASCII subjects, long ones whose
        // percent-encoded key segment outgrows S3's key (\u00e9 x 170 = 1,020 bytes)
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.strings()
                .withChars("a\u00e9\u20ac\u4e2d/:%. ")
                .ofMinLength(1)
                .ofMaxLength(256)),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.integers()
                .between(80, 256)
                .flatMap(
                    n -> Arbitraries.of("\u00e9", "\u20ac", "/", ":", "%").map(c -> c.repeat(n)))),
        net.jqwik.api.Tuple.of(1, Arbitraries.<String>just(null)));
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        FuzzedRequests.json(3)
            .map(j -> j.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .map(
                b -> {
                  if (b.length > 2) {
                    b[b.length / 2] = (byte) 0xC0; // one byte that is never UTF-8
                  }
                  return b;
                }));
  }
}
