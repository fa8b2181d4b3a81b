package dev.mljobs.core.model;

import java.util.List;

/** A model registration that cannot be accepted, with every reason found. */
public final class InvalidModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  public InvalidModelException(List<FieldError> errors) {
    super(
        errors.isEmpty() ? "invalid model" : errors.get(0).field() + " " + errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
