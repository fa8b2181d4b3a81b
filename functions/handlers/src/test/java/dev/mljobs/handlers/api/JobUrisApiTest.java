package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every S3 URI a job names must lie in its owner's space, checked when it is submitted. */
class JobUrisApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z")));
  }

  @Test
  void a_batch_input_outside_the_owners_space_is_refused_naming_the_field() throws Exception {
    for (String uri :
        new String[] {
          "s3://mljobs-data/inputs/alice/private.job.json",
          "s3://mljobs-data/results/",
          "s3://mljobs-data/",
          "s3://mljobs-data/uploads/bobby/",
          "s3://mljobs-data/uploads/bob/../alice/",
          "s3://mljobs-data/uploads/bob//x",
          "s3://acme-data/a/"
        }) {
      JsonNode answer = refused("bob", batch(uri));
      assertThat(answer.at("/errors/0/field").asText()).as(uri).isEqualTo("params.input_uri");
      assertThat(answer.toString()).as(uri).doesNotContain("alice");
    }
    assertThat(submit("bob", batch("s3://mljobs-data/uploads/bob/texts/")).getStatusCode())
        .isEqualTo(202);
    assertThat(submit("alice", batch("s3://acme-data/a/texts/")).getStatusCode()).isEqualTo(202);
  }

  @Test
  void each_image_uri_outside_the_owners_space_is_named_by_its_index() throws Exception {
    String job =
        "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"txt2embed\","
            + "\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\",\"input_data\":{\"image_uris\":"
            + "[\"s3://mljobs-data/uploads/bob/a.png\",\"s3://mljobs-data/uploads/alice/b.png\","
            + "\"s3://mljobs-data/models/bob/c.png\",\"s3://other/d.png\"]}}}";
    JsonNode answer = refused("bob", job);
    assertThat(answer.get("errors").findValuesAsText("field"))
        .containsExactly("params.input_data.image_uris[1]", "params.input_data.image_uris[3]");
  }

  private static String batch(String inputUri) {
    return "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"txt2embed\","
        + "\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\",\"input_uri\":\""
        + inputUri
        + "\"}}";
  }

  private JsonNode refused(String owner, String body) throws Exception {
    APIGatewayV2HTTPResponse response = submit(owner, body);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
    APIGatewayV2HTTPResponse list =
        api.handler.handleRequest(
            ApiEvents.event("GET", "/v1/jobs", owner, null, Map.of()), ApiEvents.CONTEXT);
    assertThat(JSON.readTree(list.getBody()).get("jobs")).as("no job was made").isEmpty();
    return JSON.readTree(response.getBody());
  }

  private APIGatewayV2HTTPResponse submit(String owner, String body) {
    return api.handler.handleRequest(
        ApiEvents.event(
            "POST", "/v1/jobs", owner, body, Map.of("content-type", "application/json")),
        ApiEvents.CONTEXT);
  }
}
