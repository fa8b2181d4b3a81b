package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mljobs.worker.Device;
import dev.mljobs.worker.FileCache;
import dev.mljobs.worker.JobFailedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ONNX Runtime sessions, one per model file and process (a file per model version, see {@link
 * dev.mljobs.worker.model.ModelFiles}): loading a model costs far more than running it, and a warm
 * Lambda or a Batch worker runs many jobs with the same model. Sessions are thread-safe for {@code
 * run}.
 */
public final class OrtModels {

  private static final Map<String, OrtSession> SESSIONS = new ConcurrentHashMap<>();

  private OrtModels() {}

  /** Returns the process-wide ONNX Runtime environment. */
  static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /**
   * Returns the model's session, loading it on first use.
   *
   * @throws JobFailedException when the model file cannot be read or loaded
   */
  public static OrtSession session(VisionModel model) {
    return SESSIONS.computeIfAbsent(model.location(), location -> load(model));
  }

  private static OrtSession load(VisionModel model) {
    FileCache.prepareOnnxRuntime(System.getenv());
    try {
      return Device.fromEnvironment(System.getenv())
          .open(
              model.id(),
              options -> options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT),
              options -> environment().createSession(model.location(), options))
          .session();
    } catch (OrtException e) {
      throw new JobFailedException("model " + model.id() + " cannot be loaded: " + e.getMessage());
    }
  }
}
