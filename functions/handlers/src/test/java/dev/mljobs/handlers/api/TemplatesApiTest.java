package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template routes over the testkit's stores: what the bodies and headers mean. */
class TemplatesApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestApi api = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z")));

  private APIGatewayV2HTTPResponse call(
      String method, String path, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    if (body != null) {
      all.put("content-type", "application/json");
    }
    return api.handler.handleRequest(
        ApiEvents.event(method, path, "alice", body, all), ApiEvents.CONTEXT);
  }

  private JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  private String created() throws Exception {
    APIGatewayV2HTTPResponse answer =
        call(
            "POST",
            "/v1/templates",
            "{\"name\":\"n\",\"job_type\":\"sleep\",\"description\":\"d\",\"priority\":3,"
                + "\"default_params\":{\"seconds\":1}}",
            Map.of());
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(201);
    assertThat(answer.getHeaders()).containsEntry("ETag", "\"1\"");
    return body(answer).get("template_id").asText();
  }

  @Test
  void a_patch_replaces_what_it_names_and_null_clears_an_optional_field() throws Exception {
    String id = created();
    APIGatewayV2HTTPResponse answer =
        call(
            "PATCH",
            "/v1/templates/" + id,
            "{\"description\":null,\"priority\":null,\"ttl_hours\":6}",
            Map.of("if-match", "1"));
    JsonNode t = body(answer);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
    assertThat(t.get("description").isNull()).isTrue();
    assertThat(t.get("priority").isNull()).isTrue();
    assertThat(t.get("ttl_hours").asInt()).isEqualTo(6);
    assertThat(t.get("name").asText()).isEqualTo("n");
    assertThat(t.get("default_params")).isEqualTo(JSON.readTree("{\"seconds\":1}"));
    assertThat(t.get("version").asInt()).isEqualTo(2);
  }

  @Test
  void a_patch_refuses_the_job_type_unknown_fields_a_null_name_and_a_bad_if_match()
      throws Exception {
    String id = created();
    JsonNode refused =
        body(
            call(
                "PATCH",
                "/v1/templates/" + id,
                "{\"job_type\":\"inference\",\"colour\":1,\"name\":null,\"priority\":99}",
                Map.of()));
    assertThat(refused.get("status").asInt()).isEqualTo(400);
    assertThat(refused.get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("job_type", "colour", "name", "priority");
    APIGatewayV2HTTPResponse badHeader =
        call("PATCH", "/v1/templates/" + id, "{\"name\":\"x\"}", Map.of("if-match", "W/abc"));
    assertThat(badHeader.getStatusCode()).isEqualTo(400);
    assertThat(body(badHeader).at("/errors/0/field").asText()).isEqualTo("If-Match");
    assertThat(
            call("PATCH", "/v1/templates/" + id, "{\"name\":\"x\"}", Map.of("if-match", "\"7\""))
                .getStatusCode())
        .isEqualTo(412);
    assertThat(body(call("GET", "/v1/templates/" + id, null, Map.of())).get("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void a_patch_that_would_make_a_refused_job_is_refused_and_changes_nothing() throws Exception {
    String id = created();
    JsonNode refused =
        body(
            call(
                "PATCH",
                "/v1/templates/" + id,
                "{\"default_params\":{\"seconds\":-5}}",
                Map.of("if-match", "1")));
    assertThat(refused.get("status").asInt()).isEqualTo(400);
    assertThat(refused.at("/errors/0/field").asText()).isEqualTo("params.seconds");
    JsonNode kept = body(call("GET", "/v1/templates/" + id, null, Map.of()));
    assertThat(kept.get("default_params")).isEqualTo(JSON.readTree("{\"seconds\":1}"));
    assertThat(kept.get("version").asInt()).isEqualTo(1);
  }

  @Test
  void a_template_request_is_read_strictly() throws Exception {
    JsonNode refused =
        body(
            call(
                "POST",
                "/v1/templates",
                "{\"job_type\":7,\"default_params\":[1],\"max_attempts\":\"3\",\"extra\":true}",
                Map.of()));
    assertThat(refused.get("status").asInt()).isEqualTo(400);
    assertThat(refused.get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("extra", "name", "job_type", "default_params", "max_attempts");
  }
}
