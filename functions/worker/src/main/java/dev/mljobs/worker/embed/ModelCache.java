package dev.mljobs.worker.embed;

import dev.mljobs.worker.Device;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SentenceEncoder} per model and device per process: loading the graph takes a good part
 * of a second, so a warm Lambda or a long Batch job pays it once. Settings come from the
 * environment (see {@link EncoderSettings}).
 */
public final class ModelCache {

  private static final Map<String, SentenceEncoder> ENCODERS = new ConcurrentHashMap<>();

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
    return ENCODERS.computeIfAbsent(
        // by file, not id: registered ids are per owner, and a new version is a new file
        model.modelResource() + "@" + chosen.device(), key -> ModelLoader.load(model, chosen, env));
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
