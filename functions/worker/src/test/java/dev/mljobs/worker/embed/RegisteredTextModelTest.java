package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.TaskType;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.model.OrtModelInspector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text model registered from files (here the built-in graph and tokenizer, copied out) passes
 * registration and embeds exactly as the built-in model does.
 */
class RegisteredTextModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static ObjectNode spec;

  @BeforeAll
  static void copyTheBuiltInFiles() throws IOException {
    Path graph = copy("/all-minilm-l6-v2.onnx", dir.resolve("minilm.onnx"));
    Path tokenizer = copy("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    spec = JsonNodeFactory.instance.objectNode();
    spec.put("model_id", "acme/minilm").put("task_type", "txt2embed");
    spec.put("model_uri", graph.toUri().toString());
    spec.putArray("labels");
    spec.putObject("preprocessing")
        .put("tokenizer_uri", tokenizer.toUri().toString())
        .put("max_length", 256);
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = RegisteredTextModelTest.class.getResourceAsStream(resource)) {
      Files.copy(in, to);
    }
    return to;
  }

  private static JsonNode embed(String modelId, ObjectNode model) throws Exception {
    ObjectNode params =
        (ObjectNode)
            JSON.readTree(
                "{\"task_type\":\"txt2embed\",\"model_id\":\""
                    + modelId
                    + "\",\"input_data\":{\"texts\":[\"A man is eating food.\",\"A cat.\"]}}");
    return new Worker(Map.of())
        .run(new Work(UUID.randomUUID(), 1, "inference", params, null, null, null, model));
  }

  @Test
  void a_registered_text_model_embeds_as_the_same_built_in_model() throws Exception {
    JsonNode registered = embed("acme/minilm", spec);
    JsonNode builtIn = embed("all-MiniLM-L6-v2", null);
    assertThat(registered.get("model_id").asText()).isEqualTo("acme/minilm");
    assertThat(registered.get("dimensions").asInt()).isEqualTo(384);
    for (int t = 0; t < 2; t++) {
      for (int d = 0; d < 384; d++) {
        assertThat(registered.at("/embeddings/" + t + "/" + d).asDouble())
            .isEqualTo(builtIn.at("/embeddings/" + t + "/" + d).asDouble());
      }
    }
  }

  @Test
  void the_registered_text_model_passes_the_registration_check() {
    Model model =
        new Model(
            "alice",
            "acme/minilm",
            TaskType.TXT2EMBED,
            spec.get("model_uri").asText(),
            List.of(),
            (ObjectNode) spec.get("preprocessing"),
            Instant.EPOCH);
    assertThat(new OrtModelInspector(new ModelFiles(Map.of())).inspect(model)).isEmpty();
  }
}
