package dev.mljobs.worker.embed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SentenceEncoder} per model per process: loading the graph takes about a second, so a
 * warm Lambda or a long Batch job pays it once. Intra-op threads come from {@code
 * ORT_INTRA_OP_THREADS} (default: the available processors).
 */
public final class ModelCache {

  private static final Map<String, SentenceEncoder> ENCODERS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /**
   * @return the encoder of that model, loaded on first use
   * @throws IllegalStateException when the model cannot be loaded
   */
  public static SentenceEncoder encoder(ModelSpec model) {
    return ENCODERS.computeIfAbsent(
        // by file, not id: registered ids are per owner, and a new version is a new file
        model.modelResource(), file -> ModelLoader.load(model, intraOpThreads(System.getenv())));
  }

  /** The intra-op thread count that {@code env} asks for. */
  static int intraOpThreads(Map<String, String> env) {
    String value = env.get("ORT_INTRA_OP_THREADS");
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalStateException("ORT_INTRA_OP_THREADS must be a positive integer: " + value);
  }
}
