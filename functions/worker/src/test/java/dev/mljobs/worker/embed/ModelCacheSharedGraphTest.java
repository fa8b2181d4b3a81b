package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registered text models that share one graph file but not their tokenizer or maximum length each
 * get an encoder built from their own spec, also when their first loads run at the same time.
 */
class ModelCacheSharedGraphTest {

  private static final BatchListener IGNORE = (done, total) -> {};
  private static final String LONG_TEXT =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";

  @TempDir static Path dir;
  private static ModelSpec plain;
  private static ModelSpec short8;
  private static ModelSpec cased;

  @BeforeAll
  static void registerThreeModelsOnOneGraph() throws IOException {
    Path graph = copy("/all-minilm-l6-v2.onnx", dir.resolve("shared.onnx"));
    Path tokenizer = copy("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    // a second tokenizer that keeps case: the uncased vocabulary then reads "CAT" otherwise
    ObjectMapper json = new ObjectMapper();
    ObjectNode keepsCase = (ObjectNode) json.readTree(tokenizer.toFile());
    ((ObjectNode) keepsCase.get("normalizer")).put("lowercase", false);
    Path casedTokenizer = dir.resolve("cased-tokenizer.json");
    json.writeValue(casedTokenizer.toFile(), keepsCase);
    plain = ModelSpec.registered("acme/plain", graph, tokenizer, 256);
    short8 = ModelSpec.registered("acme/short", graph, tokenizer, 8);
    cased = ModelSpec.registered("acme/cased", graph, casedTokenizer, 256);
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = ModelCacheSharedGraphTest.class.getResourceAsStream(resource)) {
      Files.copy(in, to);
    }
    return to;
  }

  @Test
  void models_sharing_a_graph_loaded_at_once_keep_their_own_tokenizer_and_length()
      throws Exception {
    // given: four threads asking at the same moment, two of them for the same model
    List<ModelSpec> asked = List.of(plain, short8, cased, short8);
    CyclicBarrier start = new CyclicBarrier(asked.size());
    ExecutorService threads = Executors.newFixedThreadPool(asked.size());
    List<Future<SentenceEncoder>> loads = new ArrayList<>();
    try {
      // when
      for (ModelSpec spec : asked) {
        loads.add(
            threads.submit(
                () -> {
                  start.await();
                  return ModelCache.encoder(spec, Device.CPU);
                }));
      }
      List<SentenceEncoder> encoders = new ArrayList<>();
      for (Future<SentenceEncoder> load : loads) {
        encoders.add(load.get(5, TimeUnit.MINUTES));
      }

      // then: each encoder answers for the model asked, and one model loaded once
      for (int i = 0; i < asked.size(); i++) {
        assertThat(encoders.get(i).model()).isEqualTo(asked.get(i));
      }
      assertThat(encoders.get(3)).isSameAs(encoders.get(1));
      assertThat(encoders.get(1)).isNotSameAs(encoders.get(0));
      // the maximum length is the model's own
      assertThat(encoders.get(0).encode(List.of(LONG_TEXT), 1, IGNORE).truncated()).isEmpty();
      assertThat(encoders.get(1).encode(List.of(LONG_TEXT), 1, IGNORE).truncated())
          .containsExactly(0);
      // so is the tokenizer: the cased one reads "CAT" unlike the uncased one
      float[] uncased = encoders.get(0).encode(List.of("CAT"), 1, IGNORE).vectors()[0];
      float[] keepsCase = encoders.get(2).encode(List.of("CAT"), 1, IGNORE).vectors()[0];
      assertThat(Vectors.maxAbsDifference(uncased, keepsCase)).isGreaterThan(0.01);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void a_later_call_for_a_model_gets_the_encoder_already_loaded() {
    assertThat(ModelCache.encoder(plain, Device.CPU)).isSameAs(ModelCache.encoder(plain, null));
  }
}
