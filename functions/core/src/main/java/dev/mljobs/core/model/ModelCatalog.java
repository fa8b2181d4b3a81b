package dev.mljobs.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.storage.OwnerSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The models an owner can use: the built-in ones and those the owner registered. */
public final class ModelCatalog {

  private final ModelStore store;
  private final ModelInspector inspector;

  /**
   * @param inspector checks a model before it is registered; {@code null} where this deployment
   *     cannot load models (then {@link #register} is refused)
   */
  public ModelCatalog(ModelStore store, ModelInspector inspector) {
    this.store = store;
    this.inspector = inspector;
  }

  /** Whether this catalog can check, and so register, models. */
  public boolean canRegister() {
    return inspector != null;
  }

  /**
   * Registers a model after checking that its files lie in the owner's space (before anything is
   * read, so the answer is the same whether they exist or not), loading it once and checking that
   * it fits its task.
   *
   * @param space the S3 locations the model's owner may name
   * @throws DuplicateModelException when the id is a built-in model's or one of the owner's
   * @throws InvalidModelException when the model file is missing or does not fit, naming the field
   * @throws IllegalStateException when this catalog cannot register models
   */
  public Model register(Model model, OwnerSpace space) {
    if (model.builtIn()) {
      throw new IllegalArgumentException("a registered model needs an owner");
    }
    List<FieldError> outside = ModelRequest.URI_FIELDS.check(model.spec(), space, "");
    if (!outside.isEmpty()) {
      throw new InvalidModelException(outside);
    }
    if (BuiltInModels.find(model.modelId()).isPresent()
        || store.find(model.owner(), model.modelId()).isPresent()) {
      throw new DuplicateModelException(model.modelId());
    }
    if (inspector == null) {
      throw new IllegalStateException("no model inspector in this deployment");
    }
    List<FieldError> errors = inspector.inspect(model);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    store.create(model);
    return model;
  }

  /**
   * The built-in model of this id (or alias), else the owner's; empty when neither exists. An id
   * that could not have been registered is not looked up: the store might refuse it as a key.
   */
  public Optional<Model> find(String owner, String modelId) {
    if (modelId == null) {
      return Optional.empty();
    }
    return BuiltInModels.find(modelId)
        .or(() -> ModelRequest.isModelId(modelId) ? store.find(owner, modelId) : Optional.empty());
  }

  /**
   * The problems with the model a job names in {@code params.model_id}, checked at submission: it
   * must be built in or registered by the job's owner, and registered for the job's {@code
   * params.task_type}. Jobs that name no model have none.
   */
  public List<FieldError> checkJob(String owner, JsonNode params) {
    if (params == null || !params.path("model_id").isTextual()) {
      return List.of();
    }
    String modelId = params.get("model_id").asText();
    if (!KeyLimits.fits(modelId, ModelRequest.MAX_ID_LENGTH)) {
      return List.of(
          new FieldError(
              "params.model_id",
              "must be at most "
                  + ModelRequest.MAX_ID_LENGTH
                  + " bytes, got "
                  + KeyLimits.utf8Length(modelId)));
    }
    Optional<Model> model = find(owner, modelId);
    if (model.isEmpty()) {
      return List.of(
          new FieldError(
              "params.model_id",
              "'"
                  + modelId
                  + "' is neither a built-in model nor one you registered (GET /v1/models lists"
                  + " them)"));
    }
    JsonNode taskType = params.path("task_type");
    String registered = model.get().taskType().wireName();
    if (taskType.isTextual() && !taskType.asText().equals(registered)) {
      return List.of(
          new FieldError(
              "params.task_type",
              "model "
                  + modelId
                  + " is registered for "
                  + registered
                  + ", not "
                  + taskType.asText()));
    }
    return List.of();
  }

  /** The built-in models and the owner's, by model id. */
  public List<Model> list(String owner) {
    List<Model> all = new ArrayList<>(BuiltInModels.ALL);
    all.addAll(store.list(owner));
    all.sort(Comparator.comparing(Model::modelId));
    return all;
  }
}
