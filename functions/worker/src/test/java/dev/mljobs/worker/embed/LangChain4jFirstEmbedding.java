package dev.mljobs.worker.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * langchain4j's way to a first embedding, for {@code scripts/bench-cold-start} to time from JVM
 * start to exit beside our CLI. Prints the vector's length.
 */
public final class LangChain4jFirstEmbedding {

  private LangChain4jFirstEmbedding() {}

  public static void main(String[] args) {
    float[] vector =
        new AllMiniLmL6V2EmbeddingModel().embed("The weather is lovely today.").content().vector();
    System.out.println(vector.length);
  }
}
