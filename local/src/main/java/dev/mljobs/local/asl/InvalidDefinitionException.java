package dev.mljobs.local.asl;

/**
 * A state machine definition that cannot run: the message names the state and the field that is
 * wrong, so that whoever wrote the definition can fix it without reading the interpreter.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String state;
  private final String field;

  /**
   * @param state the state's name, or null for a top-level field
   * @param field the field that is wrong, or null when the whole state is
   * @param problem what is wrong with it
   */
  public InvalidDefinitionException(String state, String field, String problem) {
    super(describe(state, field, problem));
    this.state = state;
    this.field = field;
  }

  private static String describe(String state, String field, String problem) {
    String where = state == null ? "State machine" : "State '" + state + "'";
    return where + (field == null ? "" : ", field '" + field + "'") + ": " + problem;
  }

  /** The state's name, or null when the problem is at the top level. */
  public String state() {
    return state;
  }

  /** The offending field, or null. */
  public String field() {
    return field;
  }
}
