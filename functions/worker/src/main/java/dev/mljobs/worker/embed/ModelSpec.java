package dev.mljobs.worker.embed;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A sentence-embedding model this worker ships: where its ONNX graph and tokenizer live on the
 * classpath, and how it is used.
 *
 * @param id the canonical model id, as it appears in results
 * @param aliases other ids a job may name it by
 * @param modelResource the ONNX graph (fp32), a classpath resource or a {@code file:} URI (a
 *     registered model in the model cache)
 * @param tokenizerResource the HuggingFace {@code tokenizer.json}, likewise
 * @param dimensions the length of an embedding; 0 when only the graph knows it (a registered model)
 * @param maxTokens the longest input, special tokens included; longer texts are truncated
 */
public record ModelSpec(
    String id,
    Set<String> aliases,
    String modelResource,
    String tokenizerResource,
    int dimensions,
    int maxTokens) {

  /**
   * sentence-transformers' all-MiniLM-L6-v2, from langchain4j's model jar. 256 tokens is the
   * model's {@code max_seq_length} in sentence-transformers, though the jar's tokenizer says 128.
   */
  public static final ModelSpec ALL_MINILM_L6_V2 =
      new ModelSpec(
          "sentence-transformers/all-MiniLM-L6-v2",
          Set.of("all-MiniLM-L6-v2"),
          "/all-minilm-l6-v2.onnx",
          "/all-minilm-l6-v2-tokenizer.json",
          384,
          256);

  public ModelSpec {
    if (id == null || id.isBlank() || modelResource == null || tokenizerResource == null) {
      throw new IllegalArgumentException("a model needs an id, a graph and a tokenizer");
    }
    if (dimensions < 0 || maxTokens < 3) {
      throw new IllegalArgumentException("dimensions and maxTokens must be positive");
    }
    aliases = Set.copyOf(aliases);
  }

  /** A registered model whose graph and tokenizer are files (in the model cache). */
  public static ModelSpec registered(String id, Path graph, Path tokenizer, int maxTokens) {
    return new ModelSpec(
        id, Set.of(), graph.toUri().toString(), tokenizer.toUri().toString(), 0, maxTokens);
  }

  /**
   * @param modelId a model id or one of its aliases
   * @return the model of that name, or empty when this worker has none
   */
  public static Optional<ModelSpec> find(String modelId) {
    ModelSpec m = ALL_MINILM_L6_V2;
    return m.id.equals(modelId) || m.aliases.contains(modelId) ? Optional.of(m) : Optional.empty();
  }
}
