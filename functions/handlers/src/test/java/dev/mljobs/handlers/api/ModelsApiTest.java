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

/**
 * The model routes over in-memory stores, with an inspector that accepts every model: what the ONNX
 * Runtime inspector refuses is tested in the worker, and end to end in the local runtime.
 */
class ModelsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHAPES =
      """
      {"model_id": "acme/shapes", "task_type": "image_classification",
       "model_uri": "s3://mljobs-data/models/alice/shapes.onnx", "labels": ["circle", "square"],
       "preprocessing": {"width": 224, "height": 224, "resize": "letterbox"}}
      """;

  private ApiHandler api;

  @BeforeEach
  void setUp() {
    api = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z"))).handler;
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String owner, String body) {
    Map<String, String> headers =
        body == null ? Map.of() : Map.of("content-type", "application/json");
    return api.handleRequest(
        ApiEvents.event(method, path, owner, body, headers), ApiEvents.CONTEXT);
  }

  private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @Test
  void a_registered_model_is_answered_with_201_its_location_and_its_defaults_filled_in()
      throws Exception {
    APIGatewayV2HTTPResponse response = call("POST", "/v1/models", "alice", SHAPES);
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("Location", "/v1/models/acme/shapes");
    JsonNode model = json(response);
    assertThat(model.get("created_at").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(model.get("built_in").asBoolean()).isFalse();
    assertThat(model.at("/preprocessing/colour").asText()).isEqualTo("rgb");
    assertThat(model.at("/preprocessing/pad_value").asInt()).isEqualTo(114);
    assertThat(model.at("/preprocessing/mean").toString()).isEqualTo("[0.0,0.0,0.0]");
  }

  @Test
  void a_model_id_with_slashes_is_read_as_more_segments_or_encoded() throws Exception {
    call("POST", "/v1/models", "alice", SHAPES);
    for (String path : new String[] {"/v1/models/acme/shapes", "/v1/models/acme%2Fshapes"}) {
      APIGatewayV2HTTPResponse response = call("GET", path, "alice", null);
      assertThat(response.getStatusCode()).as(path).isEqualTo(200);
      assertThat(json(response).get("model_id").asText()).isEqualTo("acme/shapes");
    }
    JsonNode builtIn =
        json(call("GET", "/v1/models/sentence-transformers/all-MiniLM-L6-v2", "bob", null));
    assertThat(builtIn.get("built_in").asBoolean()).isTrue();
    assertThat(builtIn.get("task_type").asText()).isEqualTo("txt2embed");
  }

  @Test
  void owners_see_the_built_in_models_and_their_own_only() throws Exception {
    call("POST", "/v1/models", "alice", SHAPES);
    assertThat(
            json(call("GET", "/v1/models", "alice", null))
                .get("models")
                .findValuesAsText("model_id"))
        .containsExactly("acme/shapes", "sentence-transformers/all-MiniLM-L6-v2");
    assertThat(
            json(call("GET", "/v1/models", "bob", null)).get("models").findValuesAsText("model_id"))
        .containsExactly("sentence-transformers/all-MiniLM-L6-v2");
    assertThat(call("GET", "/v1/models/acme/shapes", "bob", null).getStatusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/models/no/such", "alice", null).getStatusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/models/%zz", "alice", null).getStatusCode()).isEqualTo(404);
  }

  @Test
  void an_id_that_is_taken_is_a_conflict_and_the_first_model_stays() throws Exception {
    call("POST", "/v1/models", "alice", SHAPES);
    APIGatewayV2HTTPResponse again =
        call("POST", "/v1/models", "alice", SHAPES.replace("\"square\"", "\"square\", \"star\""));
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(json(again).get("detail").asText()).contains("acme/shapes already exists");
    assertThat(json(call("GET", "/v1/models/acme/shapes", "alice", null)).get("labels")).hasSize(2);
    APIGatewayV2HTTPResponse builtIn =
        call(
            "POST",
            "/v1/models",
            "alice",
            SHAPES.replace("acme/shapes", "sentence-transformers/all-MiniLM-L6-v2"));
    assertThat(builtIn.getStatusCode()).isEqualTo(409);
    assertThat(
            call("POST", "/v1/models", "bob", SHAPES.replace("/alice/", "/bob/")).getStatusCode())
        .isEqualTo(201);
  }

  @Test
  void a_model_file_outside_the_owners_space_is_refused_before_it_is_read() throws Exception {
    // given: bob names alice's model file, a results object, and a tokenizer of alice's
    String text =
        """
        {"model_id": "bob/text", "task_type": "txt2embed",
         "model_uri": "s3://mljobs-data/models/bob/m.onnx",
         "preprocessing": {"tokenizer_uri": "s3://mljobs-data/models/alice/tokenizer.json"}}
        """;
    // when
    JsonNode shapes = json(call("POST", "/v1/models", "bob", SHAPES));
    JsonNode results =
        json(
            call(
                "POST",
                "/v1/models",
                "bob",
                SHAPES.replace("models/alice/shapes.onnx", "results/x/result.json")));
    JsonNode tokenizer = json(call("POST", "/v1/models", "bob", text));
    JsonNode granted =
        json(
            call(
                "POST",
                "/v1/models",
                "alice",
                SHAPES.replace("mljobs-data/models/alice/", "acme-data/a/")));
    // then: each names the field; alice's grant is hers alone
    assertThat(shapes.at("/errors/0/field").asText()).isEqualTo("model_uri");
    assertThat(shapes.at("/errors/0/message").asText())
        .startsWith("is outside your space")
        .contains("s3://mljobs-data/models/bob/")
        .doesNotContain("alice");
    assertThat(results.at("/errors/0/field").asText()).isEqualTo("model_uri");
    assertThat(tokenizer.at("/errors/0/field").asText()).isEqualTo("preprocessing.tokenizer_uri");
    assertThat(granted.get("model_id").asText()).isEqualTo("acme/shapes");
    assertThat(
            call(
                    "POST",
                    "/v1/models",
                    "bob",
                    SHAPES.replace("mljobs-data/models/alice/", "acme-data/a/"))
                .getStatusCode())
        .isEqualTo(400);
  }

  @Test
  void every_wrong_field_is_reported_at_once() throws Exception {
    APIGatewayV2HTTPResponse response =
        call(
            "POST",
            "/v1/models",
            "alice",
            """
            {"model_id": "a//b", "task_type": "image_classification",
             "model_uri": "https://x/y.onnx", "preprocessing": {"width": 0, "colour": "cmyk"}}
            """);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(json(response).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "model_id",
            "model_uri",
            "labels",
            "preprocessing.width",
            "preprocessing.height",
            "preprocessing.colour");
  }

  @Test
  void a_job_must_name_a_model_its_owner_can_use_for_its_task() throws Exception {
    call("POST", "/v1/models", "alice", SHAPES);
    String job =
        """
        {"job_type": "inference", "params": {"task_type": "%s", "model_id": "%s",
         "input_data": {"image_base64": "AAAA"}}}
        """;
    assertThat(
            call("POST", "/v1/jobs", "alice", job.formatted("image_classification", "acme/shapes"))
                .getStatusCode())
        .isEqualTo(202);
    APIGatewayV2HTTPResponse unknown =
        call("POST", "/v1/jobs", "bob", job.formatted("image_classification", "acme/shapes"));
    assertThat(unknown.getStatusCode()).isEqualTo(400);
    assertThat(json(unknown).at("/errors/0/field").asText()).isEqualTo("params.model_id");
    assertThat(json(unknown).at("/errors/0/message").asText())
        .isEqualTo(
            "'acme/shapes' is neither a built-in model nor one you registered (GET /v1/models"
                + " lists them)");
    APIGatewayV2HTTPResponse wrongTask =
        call("POST", "/v1/jobs", "alice", job.formatted("object_detection", "acme/shapes"));
    assertThat(json(wrongTask).at("/errors/0/field").asText()).isEqualTo("params.task_type");
    assertThat(json(wrongTask).at("/errors/0/message").asText())
        .isEqualTo(
            "model acme/shapes is registered for image_classification, not object_detection");
  }
}
