package dev.mljobs.core.schedule;

/** A schedule request with a wrong field: answered 400 naming the field and the reason. */
public final class InvalidScheduleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final String field;
  private final String reason;

  public InvalidScheduleException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The request field at fault, as the API spells it, e.g. {@code expression}. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String reason() {
    return reason;
  }
}
