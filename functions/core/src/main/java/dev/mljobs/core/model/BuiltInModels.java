package dev.mljobs.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models every worker ships, usable by every owner without registration. */
public final class BuiltInModels {

  /** sentence-transformers' all-MiniLM-L6-v2 (fp32 ONNX and tokenizer from langchain4j's jar). */
  public static final Model ALL_MINILM_L6_V2 =
      new Model(
          null,
          "sentence-transformers/all-MiniLM-L6-v2",
          TaskType.TXT2EMBED,
          "builtin:sentence-transformers/all-MiniLM-L6-v2",
          List.of(),
          text("builtin:sentence-transformers/all-MiniLM-L6-v2", 256),
          null);

  public static final List<Model> ALL = List.of(ALL_MINILM_L6_V2);

  /** Other names jobs may use for a built-in model. */
  private static final Map<String, Model> ALIASES = Map.of("all-MiniLM-L6-v2", ALL_MINILM_L6_V2);

  private BuiltInModels() {}

  /** The built-in model of this id or alias. */
  public static Optional<Model> find(String modelId) {
    return ALL.stream()
        .filter(m -> m.modelId().equals(modelId))
        .findFirst()
        .or(() -> Optional.ofNullable(ALIASES.get(modelId)));
  }

  private static ObjectNode text(String tokenizer, int maxLength) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("tokenizer_uri", tokenizer)
        .put("max_length", maxLength);
  }
}
