package dev.mljobs.local.asl;

/**
 * Where a state goes when it is done.
 *
 * @param next the next state's name, or null when the state ends its graph
 */
record Transition(String next) {
  static final Transition END = new Transition(null);

  boolean isEnd() {
    return next == null;
  }

  /** Reads Next/End; exactly one of them must be given. */
  static Transition read(FieldReader fields) {
    boolean end = fields.has("End");
    if (end && !fields.json().get("End").isBoolean()) {
      throw fields.invalid("End", "must be a boolean");
    }
    end = end && fields.json().get("End").booleanValue();
    if (end == fields.has("Next")) {
      throw fields.invalid("Next", end ? "cannot be used with \"End\": true" : "is required");
    }
    return end ? END : new Transition(fields.string("Next"));
  }
}
