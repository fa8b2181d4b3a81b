package dev.mljobs.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static JsonNode body(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  private static String vision(String preprocessing) {
    return "{'model_id':'m','task_type':'image_classification','model_uri':'s3://b-1/m.onnx',"
        + "'labels':['a','b'],'preprocessing':"
        + preprocessing
        + "}";
  }

  @Test
  void a_text_model_gets_its_defaults_and_no_labels() throws Exception {
    Model model =
        ModelRequest.parse(
            body(
                "{'model_id':'acme/minilm','task_type':'txt2embed','model_uri':'s3://bucket/m.onnx',"
                    + "'preprocessing':{'tokenizer_uri':'s3://bucket/tokenizer.json'}}"),
            "alice",
            NOW);
    assertThat(model.labels()).isEmpty();
    assertThat(model.preprocessing().toString())
        .isEqualTo("{\"tokenizer_uri\":\"s3://bucket/tokenizer.json\",\"max_length\":256}");
  }

  @Test
  void a_grayscale_model_has_one_mean_and_one_std() throws Exception {
    Model model =
        ModelRequest.parse(
            body(vision("{'width':28,'height':28,'colour':'GRAYSCALE','scale':1}")), "a", NOW);
    assertThat(model.preprocessing().toString())
        .isEqualTo(
            "{\"width\":28,\"height\":28,\"colour\":\"grayscale\",\"resize\":\"stretch\","
                + "\"scale\":1.0,\"mean\":[0.0],\"std\":[1.0]}");
  }

  @Test
  void labels_are_capped_in_total_length() throws Exception {
    // 200 labels of 201 to 203 characters
    StringBuilder labels = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      labels.append(i == 0 ? "" : ",").append("\"").append(i).append("x".repeat(200)).append("\"");
    }
    String request = vision("{'width':2,'height':2}").replace("['a','b']", labels + "]");
    InvalidModelException e =
        catchThrowableOfType(
            InvalidModelException.class, () -> ModelRequest.parse(body(request), "alice", NOW));
    assertThat(e.errors())
        .containsExactly(
            new FieldError("labels", "must total at most 32768 characters, got 40490"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no id | {'task_type':'txt2embed'} | model_id | is required",
        "unknown task | {'model_id':'m','task_type':'ocr','model_uri':'s3://bkt/k'}"
            + " | task_type | must be one of txt2embed, image_classification, object_detection",
        "http uri | {'model_id':'m','task_type':'txt2embed','model_uri':'http://x/k',"
            + "'preprocessing':{'tokenizer_uri':'s3://bkt/t.json'}}"
            + " | model_uri | must be s3://bucket/key, got 'http://x/k'",
        "no labels | {'model_id':'m','task_type':'object_detection','model_uri':'s3://bkt/k',"
            + "'preprocessing':{'width':2,'height':2}}"
            + " | labels | is required for task_type object_detection: the class names",
        "labels twice | " + "LABELS" + " | labels[1] | 'a' is given twice",
        "pad without letterbox | VISION{'width':2,'height':2,'pad_value':0}"
            + " | preprocessing.pad_value | applies only to resize letterbox",
        "pad out of range | VISION{'width':2,'height':2,'resize':'letterbox','pad_value':300}"
            + " | preprocessing.pad_value | must be an integer from 0 to 255",
        "huge size | VISION{'width':5000,'height':2}"
            + " | preprocessing.width | must be an integer from 1 to 4096",
        "scale zero | VISION{'width':2,'height':2,'scale':0}"
            + " | preprocessing.scale | must be a number above 0 and at most 1 (1/255 by default)",
        "std zero | VISION{'width':2,'height':2,'std':[1,0,1]}"
            + " | preprocessing.std | must be 3 numbers above 0, one per channel of the colour mode",
        "mean count | VISION{'width':2,'height':2,'colour':'grayscale','mean':[0,0,0]}"
            + " | preprocessing.mean | must be 1 number, one per channel of the colour mode",
        "text field on image | VISION{'width':2,'height':2,'max_length':9}"
            + " | preprocessing.max_length | does not apply to an image model",
        "unknown resize | VISION{'width':2,'height':2,'resize':'crop'}"
            + " | preprocessing.resize | must be one of stretch, letterbox, shorter_side_center_crop",
        "no tokenizer | {'model_id':'m','task_type':'txt2embed','model_uri':'s3://bkt/k'}"
            + " | preprocessing.tokenizer_uri | is required for task_type txt2embed:"
            + " s3://bucket/key of a HuggingFace tokenizer.json",
        "unknown field | {'model_id':'m','task_type':'txt2embed','model_uri':'s3://bkt/k',"
            + "'preprocessing':{'tokenizer_uri':'s3://bkt/t'},'version':2}"
            + " | version | is not a field of a model registration",
      })
  void a_wrong_field_is_named_with_its_reason(
      String name, String json, String field, String message) throws Exception {
    String request =
        json.startsWith("VISION")
            ? vision(json.substring("VISION".length()))
            : json.equals("LABELS")
                ? vision("{'width':2,'height':2}").replace("['a','b']", "['a','a']")
                : json;
    InvalidModelException e =
        catchThrowableOfType(
            InvalidModelException.class, () -> ModelRequest.parse(body(request), "alice", NOW));
    assertThat(e).as(name).isNotNull();
    assertThat(e.errors()).contains(new FieldError(field, message));
  }
}
