package dev.mljobs.core.model;

import java.util.List;
import java.util.Optional;

/** The registered models, per owner. Built-in models are not stored. */
public interface ModelStore {

  /**
   * Stores a newly registered model.
   *
   * @throws DuplicateModelException when the owner already has a model of that id
   * @throws IllegalArgumentException when the model is a built-in one (it has no owner)
   */
  void create(Model model);

  /**
   * Returns the owner's model of this id; empty when that owner registered none (another owner's
   * model of the same id is never returned), also for an id too long to be a key.
   *
   * @throws IllegalArgumentException when owner or modelId is null
   */
  Optional<Model> find(String owner, String modelId);

  /**
   * Returns all models of the owner, ordered by model id.
   *
   * @throws IllegalArgumentException when owner is null
   */
  List<Model> list(String owner);
}
