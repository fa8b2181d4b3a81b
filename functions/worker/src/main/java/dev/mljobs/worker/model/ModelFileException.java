package dev.mljobs.worker.model;

/** A model or tokenizer file that cannot be fetched: no such object, no access, a bad URI. */
public final class ModelFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelFileException(String message) {
    super(message);
  }
}
