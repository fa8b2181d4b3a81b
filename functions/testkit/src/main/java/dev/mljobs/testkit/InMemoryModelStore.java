package dev.mljobs.testkit;

import dev.mljobs.core.model.DuplicateModelException;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link ModelStore} in memory, for unit tests; {@link ModelStoreContract} keeps it honest. */
public final class InMemoryModelStore implements ModelStore {

  /** Keyed by owner, NUL, model id: sorts by owner, then id, as the DynamoDB table does. */
  private final Map<String, Model> models = new ConcurrentSkipListMap<>();

  @Override
  public void create(Model model) {
    if (model.builtIn()) {
      throw new IllegalArgumentException("a built-in model is not stored");
    }
    if (models.putIfAbsent(key(model.owner(), model.modelId()), model) != null) {
      throw new DuplicateModelException(model.modelId());
    }
  }

  @Override
  public Optional<Model> find(String owner, String modelId) {
    if (owner == null || modelId == null) {
      throw new IllegalArgumentException("owner and model_id are required");
    }
    return Optional.ofNullable(models.get(key(owner, modelId)));
  }

  @Override
  public List<Model> list(String owner) {
    if (owner == null) {
      throw new IllegalArgumentException("owner is required");
    }
    return models.values().stream().filter(m -> m.owner().equals(owner)).toList();
  }

  private static String key(String owner, String modelId) {
    return owner + '\0' + modelId;
  }
}
