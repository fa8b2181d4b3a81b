package dev.mljobs.worker.embed;

import dev.mljobs.worker.Device;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SentenceEncoder} per model spec and settings per process: loading the graph takes a
 * good part of a second, so a warm Lambda or a long Batch job pays it once. Settings come from the
 * environment (see {@link EncoderSettings}).
 */
public final class ModelCache {

  /**
   * Keyed by everything the encoder is built from: the whole spec (graph, tokenizer, maximum
   * length, id) and the settings (device, threads). Two registered models may share a graph file
   * with other tokenizers or lengths, and an encoder answers with its spec's id, so a key of the
   * graph alone handed the second model the first one's encoder. A new version of a model is a new
   * file, hence a new key. Values are futures so that loads of different keys run at once, while
   * concurrent loads of one key wait for the same load.
   */
  private static final Map<Key, CompletableFuture<SentenceEncoder>> ENCODERS =
      new ConcurrentHashMap<>();

  private record Key(ModelSpec model, EncoderSettings settings) {}

  private ModelCache() {}

  /**
   * @param device where to run it, or null for the environment's {@code DEVICE}
   * @return the encoder of that model, loaded on first use
   * @throws IllegalStateException when the model cannot be loaded
   * @throws dev.mljobs.worker.JobFailedException when a setting in the environment is wrong
   */
  public static SentenceEncoder encoder(ModelSpec model, Device device) {
    Map<String, String> env = System.getenv();
    EncoderSettings settings =
        EncoderSettings.fromEnvironment(env, Runtime.getRuntime().availableProcessors());
    EncoderSettings chosen = device == null ? settings : settings.on(device);
    Key key = new Key(model, chosen);
    CompletableFuture<SentenceEncoder> mine = new CompletableFuture<>();
    CompletableFuture<SentenceEncoder> loading = ENCODERS.putIfAbsent(key, mine);
    if (loading == null) {
      try {
        mine.complete(ModelLoader.load(model, chosen, env));
      } catch (RuntimeException | Error e) {
        // not cached: the next job tries again (a file may have been fetched meanwhile)
        ENCODERS.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return loading.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Loads the models that {@code PRELOAD_MODELS} names (comma-separated ids), for a Lambda's init
   * phase: it runs before the first request, with a full CPU, and SnapStart does not exist for
   * container images.
   *
   * @throws IllegalStateException when a named model is unknown or cannot be loaded
   */
  public static void preload(Map<String, String> env) {
    String ids = env.getOrDefault("PRELOAD_MODELS", "");
    for (String id : List.of(ids.split(","))) {
      if (!id.isBlank()) {
        ModelSpec model =
            ModelSpec.find(id.trim())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "PRELOAD_MODELS names '" + id.trim() + "', not a known model"));
        encoder(model, null);
      }
    }
  }
}
