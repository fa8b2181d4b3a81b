package dev.mljobs.core.model;

/** A model id that is taken: by a built-in model, or by another model of the same owner. */
public final class DuplicateModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateModelException(String modelId) {
    super("model " + modelId + " is already registered");
  }
}
