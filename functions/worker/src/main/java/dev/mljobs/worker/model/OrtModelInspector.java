package dev.mljobs.worker.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelInspector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ModelInspector} with ONNX Runtime: fetches the model (into the same cache the worker
 * uses), loads it once, checks it with {@link ModelCheck} and closes the session again.
 */
public final class OrtModelInspector implements ModelInspector {

  private final ModelFiles files;

  public OrtModelInspector(ModelFiles files) {
    this.files = files;
  }

  /** Found by {@link java.util.ServiceLoader} (see {@code META-INF/services}). */
  public static final class Provider implements ModelInspector.Provider {
    @Override
    public ModelInspector create(Map<String, String> env) {
      return new OrtModelInspector(new ModelFiles(env));
    }
  }

  @Override
  public List<FieldError> inspect(Model model) {
    List<FieldError> errors = new ArrayList<>();
    Path file;
    try {
      file = files.fetch(model.modelUri());
    } catch (ModelFileException e) {
      return List.of(new FieldError("model_uri", e.getMessage()));
    }
    String tokenizer = model.preprocessing().path("tokenizer_uri").asText(null);
    if (tokenizer != null) {
      try {
        files.fetch(tokenizer);
      } catch (ModelFileException e) {
        errors.add(new FieldError("preprocessing.tokenizer_uri", e.getMessage()));
      }
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session =
            OrtEnvironment.getEnvironment().createSession(file.toString(), options)) {
      errors.addAll(ModelCheck.check(model, session));
    } catch (OrtException e) {
      errors.add(
          new FieldError(
              "model_uri",
              model.modelUri() + " is not an ONNX model ONNX Runtime can load: " + brief(e)));
    }
    return errors;
  }

  /** The first line of ONNX Runtime's reason, without its source location, at most 200 chars. */
  private static String brief(OrtException e) {
    String message =
        e.getMessage() == null ? "unknown error" : e.getMessage().lines().findFirst().orElse("");
    message = message.replaceFirst("^Error code - \\S+ - message: ", "");
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }
}
