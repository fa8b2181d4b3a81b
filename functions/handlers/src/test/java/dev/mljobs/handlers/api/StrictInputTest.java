package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input the API refuses with 400 naming what is wrong, where it once answered 500 or silently
 * accepted: deep nesting, over-long ids and keys, trailing content, duplicate fields, invalid UTF-8
 * and lone surrogates. The same requests run against the local runtime in {@code StrictInputIT}.
 */
class StrictInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLEEP = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}";

  private TestApi test;
  private InMemoryJobStore store;

  @BeforeEach
  void setUp() {
    test = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z")));
    store = test.store;
  }

  private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
    return test.handler.handleRequest(event, ApiEvents.CONTEXT);
  }

  private APIGatewayV2HTTPResponse post(String path, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.putIfAbsent("content-type", "application/json");
    return send(ApiEvents.event("POST", path, "alice", body, all));
  }

  private APIGatewayV2HTTPResponse post(String path, String body) {
    return post(path, body, Map.of());
  }

  private APIGatewayV2HTTPResponse postBytes(String path, byte[] body, Map<String, String> h) {
    APIGatewayV2HTTPEvent event =
        ApiEvents.event(
            "POST",
            path,
            "alice",
            Base64.getEncoder().encodeToString(body),
            new HashMap<>(Map.of("content-type", "application/json")));
    event.getHeaders().putAll(h);
    event.setIsBase64Encoded(true);
    return send(event);
  }

  /** The answer is a 400 whose first error names {@code field} and says {@code message}. */
  private static void assertRefused(APIGatewayV2HTTPResponse response, String field, String says)
      throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(body.at("/errors/0/message").asText()).contains(says);
  }

  private static String nested(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  @Test
  void json_nested_ten_thousand_deep_is_refused_on_jobs_models_and_progress() throws Exception {
    String deep = nested(10_000);
    assertRefused(post("/v1/jobs", deep), "body", "nests deeper than 64 levels");
    assertRefused(post("/v1/models", deep), "body", "nests deeper than 64 levels");
    String metrics = "{\"progress\":5,\"metrics\":" + nested(10_000) + "}";
    UUID jobId = runningJob();
    assertRefused(
        post(
            "/v1/jobs/" + jobId + "/progress",
            metrics,
            Map.of("authorization", "Bearer " + test.tokens.tokenFor(jobId))),
        "body",
        "nests deeper than 64 levels");
    // and 64 deep is still fine
    String ok = "{\"progress\":5,\"metrics\":" + nested(62) + "}";
    assertThat(
            post(
                    "/v1/jobs/" + jobId + "/progress",
                    ok,
                    Map.of("authorization", "Bearer " + test.tokens.tokenFor(jobId)))
                .getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void an_over_long_model_id_is_refused_in_bytes_before_any_lookup() throws Exception {
    String job =
        "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"txt2embed\",\"model_id\":\"%s\","
            + "\"input_data\":{\"text\":\"a\"}}}";
    assertRefused(
        post("/v1/jobs", job.formatted("m".repeat(1100))),
        "params.model_id",
        "must be at most 128 bytes, got 1100");
    // 43 characters, 129 bytes
    assertRefused(
        post("/v1/jobs", job.formatted("\u20ac".repeat(43))),
        "params.model_id",
        "must be at most 128 bytes, got 129");
    String model =
        "{\"model_id\":\"%s\",\"task_type\":\"image_classification\","
            + "\"model_uri\":\"s3://mljobs-data/models/m.onnx\",\"labels\":[\"a\"],"
            + "\"preprocessing\":{\"width\":8,\"height\":8}}";
    assertRefused(post("/v1/models", model.formatted("m".repeat(1100))), "model_id", "128 bytes");
  }

  @Test
  void idempotency_keys_are_bounded_in_bytes_in_the_body_and_the_header() throws Exception {
    String keyed = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"idempotency_key\":\"%s\"}";
    // 342 three-byte characters: 1,026 bytes
    assertRefused(
        post("/v1/jobs", keyed.formatted("\u20ac".repeat(342))),
        "idempotency_key",
        "must be at most 1024 bytes (UTF-8), got 1026");
    assertRefused(
        post("/v1/jobs", SLEEP, Map.of("idempotency-key", "k".repeat(1025))),
        "Idempotency-Key",
        "must be at most 1024 bytes (UTF-8), got 1025");
    assertThat(post("/v1/jobs", keyed.formatted("k".repeat(1024))).getStatusCode()).isEqualTo(202);
  }

  @Test
  void trailing_content_and_duplicate_fields_are_refused() throws Exception {
    assertRefused(post("/v1/jobs", SLEEP + " xyz"), "body", "is not valid JSON");
    assertRefused(post("/v1/jobs", SLEEP + SLEEP), "body", "has content after the JSON value");
    assertRefused(
        post("/v1/jobs", "{\"job_type\":\"sleep\",\"priority\":1,\"priority\":9}"),
        "body",
        "has a field twice in one object (line 1, column ");
    assertThat(listedJobs()).isZero();
  }

  @Test
  void invalid_utf8_is_refused_not_replaced() throws Exception {
    // given: the same key but for one byte that is not UTF-8 (as a base64 body, how API Gateway
    // hands over bytes that are not text)
    byte[] first =
        "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"idempotency_key\":\"k-\"}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[first.length + 1];
    int quote = first.length - 2;
    System.arraycopy(first, 0, broken, 0, quote);
    broken[quote] = (byte) 0xff;
    System.arraycopy(first, quote, broken, quote + 1, first.length - quote);
    // then
    assertRefused(postBytes("/v1/jobs", broken, Map.of()), "body", "is not valid UTF-8");
    assertThat(postBytes("/v1/jobs", first, Map.of()).getStatusCode()).isEqualTo(202);
    assertRefused(base64Flagged("not base64!"), "body", "is flagged base64 but is not base64");
  }

  private APIGatewayV2HTTPResponse base64Flagged(String body) {
    APIGatewayV2HTTPEvent event =
        ApiEvents.event(
            "POST", "/v1/jobs", "alice", body, Map.of("content-type", "application/json"));
    event.setIsBase64Encoded(true);
    return send(event);
  }

  @Test
  void lone_surrogates_are_refused_so_two_keys_never_collide() throws Exception {
    String keyed = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"idempotency_key\":\"%s\"}";
    assertRefused(post("/v1/jobs", keyed.formatted("k\\uD800")), "body", "lone surrogate");
    assertRefused(post("/v1/jobs", keyed.formatted("k\\uDFFF")), "body", "lone surrogate");
    // raw in the text API Gateway hands over, and in a header
    assertRefused(post("/v1/jobs", keyed.formatted("k\uD800")), "body", "lone surrogate");
    assertRefused(
        post("/v1/jobs", SLEEP, Map.of("idempotency-key", "k\uDC00")),
        "Idempotency-Key",
        "lone surrogate");
    assertThat(listedJobs()).isZero();
  }

  @Test
  void query_parameters_and_path_ids_are_bounded() throws Exception {
    assertRefused(
        send(
            ApiEvents.event("GET", "/v1/jobs?job_type=" + "t".repeat(65), "alice", null, Map.of())),
        "job_type",
        "64");
    assertRefused(
        send(
            ApiEvents.event("GET", "/v1/jobs?cursor=" + "c".repeat(1025), "alice", null, Map.of())),
        "cursor",
        "at most 1024 bytes");
    assertRefused(
        send(
            ApiEvents.event("GET", "/v1/jobs?status=" + "s".repeat(2000), "alice", null, Map.of())),
        "status",
        "at most 1024 bytes");
    APIGatewayV2HTTPResponse notUuid =
        send(ApiEvents.event("GET", "/v1/jobs/1-1-1-1-1", "alice", null, Map.of()));
    assertThat(notUuid.getStatusCode()).isEqualTo(404);
    APIGatewayV2HTTPResponse longModel =
        send(ApiEvents.event("GET", "/v1/models/" + "m".repeat(2000), "alice", null, Map.of()));
    assertThat(longModel.getStatusCode()).isEqualTo(404);
    assertThat(longModel.getBody()).doesNotContain("mmmm");
  }

  private int listedJobs() throws Exception {
    return JSON.readTree(
            send(ApiEvents.event("GET", "/v1/jobs", "alice", null, Map.of())).getBody())
        .get("jobs")
        .size();
  }

  private UUID runningJob() throws Exception {
    JsonNode submitted = JSON.readTree(post("/v1/jobs", SLEEP).getBody());
    UUID id = UUID.fromString(submitted.get("job_id").asText());
    Job job = store.find(id).orElseThrow();
    store.update(job.start(Instant.parse("2026-03-01T10:00:01Z")));
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    return id;
  }
}
