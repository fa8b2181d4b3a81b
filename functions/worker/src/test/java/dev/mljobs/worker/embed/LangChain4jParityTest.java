package dev.mljobs.worker.embed;

import static dev.mljobs.worker.embed.Vectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** langchain4j runs the very same fp32 graph: our vectors must be its vectors. */
class LangChain4jParityTest {

  @Test
  void embeddings_match_langchain4j_all_minilm_l6_v2_to_1e5_cosine() throws InterruptedException {
    // given
    List<String> texts =
        List.of(
            "The weather is lovely today.",
            "Serverless ML jobs run ONNX Runtime on Lambda or AWS Batch.",
            "Ünïcödé, punctuation!!! and MiXeD case... 42 tokens?",
            "Embeddings of short and longer sentences are compared one by one, in a batch.",
            "ok");
    AllMiniLmL6V2EmbeddingModel theirs = new AllMiniLmL6V2EmbeddingModel();

    // when
    float[][] ours =
        ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2, null)
            .encode(texts, 32, (done, total) -> {})
            .vectors();

    // then
    for (int i = 0; i < texts.size(); i++) {
      float[] reference = theirs.embed(texts.get(i)).content().vector();
      assertThat(cosine(ours[i], reference)).as(texts.get(i)).isGreaterThan(1 - 1e-5);
    }
  }
}
