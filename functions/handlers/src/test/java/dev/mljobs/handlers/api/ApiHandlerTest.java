package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API contract, against in-memory stores (the same routes run end to end in the local runtime
 * tests).
 */
class ApiHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private SettableClock clock;
  private InMemoryJobStore store;
  private CallbackTokens tokens;
  private ApiHandler api;
  private dev.mljobs.testkit.InMemoryBlobStore blobs;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestApi test = new TestApi(clock);
    store = test.store;
    tokens = test.tokens;
    blobs = test.blobs;
    api = test.handler;
  }

  private APIGatewayV2HTTPResponse call(
      String method, String path, String owner, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    if (body != null && !all.containsKey("content-type")) {
      all.put("content-type", "application/json");
    }
    return api.handleRequest(ApiEvents.event(method, path, owner, body, all), ApiEvents.CONTEXT);
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String body) {
    return call(method, path, "alice", body, Map.of());
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  private static void assertProblem(APIGatewayV2HTTPResponse response, int status)
      throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("type").asText()).startsWith("https://mljobs.dev/problems/");
  }

  @Test
  void a_job_is_accepted_with_202_its_location_and_its_representation() throws Exception {
    APIGatewayV2HTTPResponse response =
        call(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"priority\":7}");
    assertThat(response.getStatusCode()).isEqualTo(202);
    JsonNode job = json(response);
    assertThat(response.getHeaders())
        .containsEntry("Location", "/v1/jobs/" + job.get("job_id").asText());
    assertThat(job.get("status").asText()).isEqualTo("queued");
    assertThat(job.get("priority").asInt()).isEqualTo(7);
    assertThat(job.get("max_attempts").asInt()).isEqualTo(3);
    assertThat(job.get("created_at").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(job.has("position_in_queue")).isFalse();
    assertThat(
            json(call("GET", "/v1/jobs/" + job.get("job_id").asText(), null))
                .get("position_in_queue")
                .asInt())
        .isEqualTo(1);
    assertThat(job.has("owner")).isFalse();
  }

  @Test
  void the_idempotency_key_header_returns_the_same_job_with_200() throws Exception {
    String body = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}";
    APIGatewayV2HTTPResponse first =
        call("POST", "/v1/jobs", "alice", body, Map.of("idempotency-key", "abc"));
    APIGatewayV2HTTPResponse second =
        call("POST", "/v1/jobs", "alice", body, Map.of("idempotency-key", "abc"));
    assertThat(first.getStatusCode()).isEqualTo(202);
    assertThat(second.getStatusCode()).isEqualTo(200);
    assertThat(json(second).get("job_id")).isEqualTo(json(first).get("job_id"));
    assertThat(store.count(JobStatus.QUEUED, "alice", 10)).isEqualTo(1);
  }

  @Test
  void every_wrong_field_is_reported_at_once() throws Exception {
    APIGatewayV2HTTPResponse response =
        call(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"priority\":11,\"ttl_hours\":\"24\",\"priorty\":1}");
    assertProblem(response, 400);
    JsonNode errors = json(response).get("errors");
    assertThat(errors.findValuesAsText("field"))
        .containsExactlyInAnyOrder("priority", "ttl_hours", "priorty");
    assertThat(errors.toString())
        .contains("must be from 0 to 10, got 11")
        .contains("is not a field of a job request");
  }

  @Test
  void params_are_checked_for_the_job_type() throws Exception {
    APIGatewayV2HTTPResponse response =
        call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{}}");
    assertProblem(response, 400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo("params.seconds");
    APIGatewayV2HTTPResponse unknown = call("POST", "/v1/jobs", "{\"job_type\":\"teleport\"}");
    assertProblem(unknown, 400);
    assertThat(json(unknown).at("/errors/0/field").asText()).isEqualTo("job_type");
  }

  @Test
  void malformed_bodies_get_400_413_or_415() throws Exception {
    assertProblem(call("POST", "/v1/jobs", "{\"job_type\":"), 400);
    assertThat(json(call("POST", "/v1/jobs", "{\"job_type\":")).get("detail").asText())
        .contains("not valid JSON");
    assertProblem(call("POST", "/v1/jobs", "[1,2]"), 400);
    assertProblem(
        call("POST", "/v1/jobs", "alice", "job_type=sleep", Map.of("content-type", "text/plain")),
        415);
    assertProblem(
        call(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"params\":{\"x\":\"" + "a".repeat(300_000) + "\"}}"),
        413);
  }

  @Test
  void without_an_identity_the_api_answers_401() throws Exception {
    assertProblem(call("GET", "/v1/jobs", null, null, Map.of()), 401);
  }

  @Test
  void an_identity_too_long_as_a_key_segment_gets_401_on_every_route_never_a_500()
      throws Exception {
    // 170 characters (within the character bound), 1,020 bytes percent-encoded: no key fits it
    String tooLong = "\u00e9".repeat(170);
    String job = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}";
    String upload = "{\"filename\":\"x.png\",\"content_type\":\"image/png\",\"size_bytes\":1}";
    assertProblem(call("POST", "/v1/jobs", tooLong, job, Map.of()), 401);
    assertProblem(call("POST", "/v1/uploads", tooLong, upload, Map.of()), 401);
    assertProblem(call("POST", "/v1/models", tooLong, "{}", Map.of()), 401);
    assertProblem(call("GET", "/v1/jobs", tooLong, null, Map.of()), 401);
    assertThat(json(call("POST", "/v1/jobs", tooLong, job, Map.of())).get("detail").asText())
        .contains("512 bytes");
    // 85 of them encode to 510 bytes: still an owner
    String longest = "\u00e9".repeat(85);
    assertThat(call("POST", "/v1/jobs", longest, job, Map.of()).getStatusCode()).isEqualTo(202);
    assertThat(call("POST", "/v1/uploads", longest, upload, Map.of()).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void unknown_ids_routes_and_methods_get_404_and_405() throws Exception {
    assertProblem(call("GET", "/v1/jobs/" + UUID.randomUUID(), null), 404);
    assertProblem(call("GET", "/v1/jobs/not-a-uuid", null), 404);
    assertProblem(call("GET", "/v2/things", null), 404);
    assertProblem(call("PUT", "/v1/jobs", "{}"), 405);
  }

  @Test
  void another_owners_job_does_not_exist_for_you() throws Exception {
    String id =
        json(call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"))
            .get("job_id")
            .asText();
    assertProblem(call("GET", "/v1/jobs/" + id, "bob", null, Map.of()), 404);
    assertProblem(call("DELETE", "/v1/jobs/" + id, "bob", null, Map.of()), 404);
    assertProblem(call("GET", "/v1/jobs/" + id + "/runs", "bob", null, Map.of()), 404);
    assertThat(json(call("GET", "/v1/jobs", "bob", null, Map.of())).get("jobs")).isEmpty();
    assertThat(call("GET", "/v1/jobs/" + id, null).getStatusCode()).isEqualTo(200);
  }

  @Test
  void cancelling_answers_the_cancelled_job_then_409() throws Exception {
    String id =
        json(call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"))
            .get("job_id")
            .asText();
    APIGatewayV2HTTPResponse cancelled = call("DELETE", "/v1/jobs/" + id, null);
    assertThat(cancelled.getStatusCode()).isEqualTo(200);
    assertThat(json(cancelled).get("status").asText()).isEqualTo("cancelled");
    assertProblem(call("DELETE", "/v1/jobs/" + id, null), 409);
  }

  @Test
  void listing_pages_with_a_cursor_or_an_offset_and_filters_by_status() throws Exception {
    for (int i = 0; i < 5; i++) {
      call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":" + i + "}}");
      clock.advance(Duration.ofSeconds(1));
    }
    JsonNode first = json(call("GET", "/v1/jobs?limit=2", null));
    assertThat(first.get("jobs")).hasSize(2);
    assertThat(first.at("/jobs/0/params/seconds").asInt()).isEqualTo(4);
    JsonNode second =
        json(call("GET", "/v1/jobs?limit=2&cursor=" + first.get("next_cursor").asText(), null));
    assertThat(second.at("/jobs/0/params/seconds").asInt()).isEqualTo(2);
    JsonNode byOffset = json(call("GET", "/v1/jobs?limit=2&offset=2", null));
    assertThat(byOffset.get("jobs")).isEqualTo(second.get("jobs"));
    JsonNode last = json(call("GET", "/v1/jobs?limit=2&offset=4", null));
    assertThat(last.get("jobs")).hasSize(1);
    assertThat(last.get("next_cursor").isNull()).isTrue();
    assertThat(json(call("GET", "/v1/jobs?status=running", null)).get("jobs")).isEmpty();
    assertProblem(call("GET", "/v1/jobs?status=done", null), 400);
    assertProblem(call("GET", "/v1/jobs?limit=0", null), 400);
    assertProblem(call("GET", "/v1/jobs?cursor=forged", null), 400);
  }

  @Test
  void progress_needs_the_jobs_own_token_and_a_running_job() throws Exception {
    String id =
        json(call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"))
            .get("job_id")
            .asText();
    UUID jobId = UUID.fromString(id);
    String body = "{\"progress\":50}";
    Map<String, String> good = Map.of("authorization", "Bearer " + tokens.tokenFor(jobId));
    Map<String, String> other =
        Map.of("authorization", "Bearer " + tokens.tokenFor(UUID.randomUUID()));
    assertProblem(call("POST", "/v1/jobs/" + id + "/progress", null, body, other), 401);
    assertProblem(call("POST", "/v1/jobs/" + id + "/progress", null, body, good), 409);
    Job job = store.find(jobId).orElseThrow();
    store.update(job.start(clock.now()));
    APIGatewayV2HTTPResponse ok = call("POST", "/v1/jobs/" + id + "/progress", null, body, good);
    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(store.find(jobId).orElseThrow().progress()).isEqualTo(50);
    assertProblem(
        call("POST", "/v1/jobs/" + id + "/progress", null, "{\"progress\":101}", good), 400);
  }

  @Test
  void a_result_is_served_inline_or_from_the_blob_store_once_completed() throws Exception {
    String small =
        json(call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"))
            .get("job_id")
            .asText();
    String large =
        json(call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}"))
            .get("job_id")
            .asText();
    assertProblem(call("GET", "/v1/jobs/" + small + "/result", null), 409);
    Job a = store.update(store.find(UUID.fromString(small)).orElseThrow().start(clock.now()));
    store.update(a.complete(JSON.readTree("{\"answer\":42}"), null, clock.now()));
    String uri =
        blobs.put(
            "results/" + large + "/result.json", "{\"big\":true}".getBytes(), "application/json");
    Job b = store.update(store.find(UUID.fromString(large)).orElseThrow().start(clock.now()));
    store.update(b.complete(null, uri, clock.now()));
    assertThat(json(call("GET", "/v1/jobs/" + small + "/result", null)).get("answer").asInt())
        .isEqualTo(42);
    assertThat(json(call("GET", "/v1/jobs/" + large + "/result", null)).get("big").asBoolean())
        .isTrue();
    assertThat(json(call("GET", "/v1/jobs/" + large, null)).get("result_uri").asText())
        .isEqualTo(uri);
    assertProblem(call("GET", "/v1/jobs/" + large + "/result", "bob", null, Map.of()), 404);
  }

  @Test
  void the_owner_comes_from_a_jwt_an_iam_or_a_lambda_authorizer() throws Exception {
    String id =
        json(call(
                "POST",
                "/v1/jobs",
                "arn:aws:iam::123456789012:user/alice",
                "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}",
                Map.of()))
            .get("job_id")
            .asText();
    var iam = ApiEvents.event("GET", "/v1/jobs/" + id, null, null, Map.of());
    iam.getRequestContext()
        .setAuthorizer(
            RequestContext.Authorizer.builder()
                .withIam(
                    RequestContext.IAM
                        .builder()
                        .withUserArn("arn:aws:iam::123456789012:user/alice")
                        .build())
                .build());
    assertThat(api.handleRequest(iam, ApiEvents.CONTEXT).getStatusCode()).isEqualTo(200);
    var lambda = ApiEvents.event("GET", "/v1/jobs/" + id, null, null, Map.of());
    lambda
        .getRequestContext()
        .setAuthorizer(
            RequestContext.Authorizer.builder()
                .withLambda(Map.of("owner", "someone-else"))
                .build());
    assertThat(api.handleRequest(lambda, ApiEvents.CONTEXT).getStatusCode()).isEqualTo(404);
  }

  @Test
  void health_needs_no_identity() throws Exception {
    APIGatewayV2HTTPResponse response = call("GET", "/health", null, null, Map.of());
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).get("status").asText()).isEqualTo("ok");
  }
}
