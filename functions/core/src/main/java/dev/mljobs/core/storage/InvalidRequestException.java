package dev.mljobs.core.storage;

import dev.mljobs.core.model.FieldError;
import java.util.List;

/** A request that cannot be served as it is, with every wrong field and why. */
public final class InvalidRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)");
    this.errors = List.copyOf(errors);
  }

  /** What is wrong, field by field. */
  public List<FieldError> errors() {
    return errors;
  }
}
