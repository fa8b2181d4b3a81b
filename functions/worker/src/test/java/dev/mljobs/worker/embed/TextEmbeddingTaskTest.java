package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.Device;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Through the worker's entry, as the Lambda handler and the CLI call it. */
class TextEmbeddingTaskTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode run(String params) throws Exception {
    ObjectNode p = (ObjectNode) JSON.readTree(params.replace('\'', '"'));
    return new Worker().run(new Work(UUID.randomUUID(), 1, "inference", p, null, null));
  }

  @Test
  void one_text_gets_one_embedding() throws Exception {
    JsonNode result =
        run(
            "{'task_type':'txt2embed','model_id':'all-MiniLM-L6-v2',"
                + "'input_data':{'text':'The weather is lovely today.'}}");

    assertThat(result.path("task_type").asText()).isEqualTo("txt2embed");
    assertThat(result.path("model_id").asText())
        .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
    assertThat(result.path("dimensions").asInt()).isEqualTo(384);
    assertThat(result.path("embedding").size()).isEqualTo(384);
    assertThat(result.path("embedding").get(0).isNumber()).isTrue();
    assertThat(result.has("embeddings")).isFalse();
    assertThat(result.path("truncated").isArray()).isTrue();
    assertThat(result.path("truncated").size()).isZero();
  }

  @Test
  void a_list_of_texts_gets_one_embedding_each_and_the_truncated_ones_named() throws Exception {
    String long400 = "word ".repeat(400);
    JsonNode result =
        run(
            "{'task_type':'txt2embed','model_id':'sentence-transformers/all-MiniLM-L6-v2',"
                + "'batch_size':2,'input_data':{'texts':['a','"
                + long400
                + "','b']}}");

    assertThat(result.path("embeddings").size()).isEqualTo(3);
    assertThat(result.path("embeddings").get(2).size()).isEqualTo(384);
    assertThat(result.has("embedding")).isFalse();
    assertThat(result.path("truncated").toString()).isEqualTo("[1]");
  }

  @Test
  void cuda_where_there_is_none_runs_on_the_cpu_with_a_warning() throws Exception {
    // given: this build has ONNX Runtime for the CPU only
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            warnings.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(Device.class.getName());
    logger.addHandler(handler);
    try {
      String text = "'input_data':{'text':'The weather is lovely today.'}}";
      // when
      JsonNode onCuda =
          run("{'task_type':'txt2embed','model_id':'all-MiniLM-L6-v2','device':'cuda'," + text);
      JsonNode onCpu =
          run("{'task_type':'txt2embed','model_id':'all-MiniLM-L6-v2','device':'cpu'," + text);

      // then
      assertThat(onCuda.path("embedding").size()).isEqualTo(384);
      for (int i = 0; i < 384; i++) {
        assertThat(onCuda.path("embedding").get(i).floatValue())
            .isCloseTo(onCpu.path("embedding").get(i).floatValue(), within(1e-5f));
      }
      assertThat(warnings)
          .anySatisfy(
              w -> {
                assertThat(w.getLevel()).isEqualTo(Level.WARNING);
                assertThat(w.getMessage()).contains("CUDA is unavailable");
              });
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void an_unknown_device_fails_the_job_naming_the_field() {
    assertThatThrownBy(
            () ->
                run(
                    "{'task_type':'txt2embed','model_id':'all-MiniLM-L6-v2','device':'tpu',"
                        + "'input_data':{'text':'hello'}}"))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("params.device must be cpu or cuda, not 'tpu'");
  }

  @Test
  void another_inference_task_fails_the_job_naming_the_field() {
    assertThatThrownBy(() -> run("{'task_type':'img2txt','model_id':'all-MiniLM-L6-v2'}"))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "params.task_type must be one of txt2embed, image_classification, object_detection,"
                + " got 'img2txt'");
  }
}
