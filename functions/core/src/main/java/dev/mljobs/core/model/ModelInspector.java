package dev.mljobs.core.model;

import java.util.List;
import java.util.Map;

/**
 * Loads a model about to be registered and checks that it fits its task: that its file exists and
 * is an ONNX graph, and that its inputs and outputs match the task type, labels and preprocessing.
 * The implementation lives with the inference code (module {@code mljobs-worker}) and is found
 * through {@link java.util.ServiceLoader} by its {@link Provider}.
 */
public interface ModelInspector {

  /**
   * Every reason the model cannot be used as declared, each naming the field it concerns (for
   * example {@code labels} or {@code model_uri}); empty when it fits.
   *
   * @throws RuntimeException when the model's store cannot be reached (not the client's fault)
   */
  List<FieldError> inspect(Model model);

  /** Makes an inspector from the environment variables of the function it runs in. */
  interface Provider {
    ModelInspector create(Map<String, String> env);
  }
}
