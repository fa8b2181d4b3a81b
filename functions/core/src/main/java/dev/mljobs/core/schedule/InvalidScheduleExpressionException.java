package dev.mljobs.core.schedule;

/**
 * A schedule expression that EventBridge Scheduler would refuse with a {@code ValidationException}.
 * The message follows AWS's wording ({@code Invalid Schedule Expression <expression>: <reason>}) so
 * that the local emulator answers like the real service; {@link #field()} names the request field
 * for a 400 answer.
 */
public final class InvalidScheduleExpressionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final String reason;

  /**
   * @param expression the expression as the caller wrote it
   * @param reason what is wrong with it, naming the part at fault
   */
  public InvalidScheduleExpressionException(String expression, String reason) {
    super("Invalid Schedule Expression " + expression + ": " + reason);
    this.expression = expression;
    this.reason = reason;
  }

  /** The rejected expression, as written. */
  public String expression() {
    return expression;
  }

  /** What is wrong, without the expression around it. */
  public String reason() {
    return reason;
  }

  /** The request field at fault, as EventBridge Scheduler's API names it. */
  public String field() {
    return "scheduleExpression";
  }
}
