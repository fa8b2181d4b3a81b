package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every state has. Fields a type does not allow keep their defaults ({@code $} paths, no
 * templates, no Retry/Catch) and are rejected when the definition is loaded.
 *
 * @param type the ASL type name, as in history event names ("Task", "Map", ...)
 * @param transition END for states that choose their own way or stop (Choice, Succeed, Fail)
 */
record StateHeader(
    String name, String type, ObjectNode json, Io io, Transition transition, ErrorHandling errors) {
  StateHeader {
    if (name == null || type == null || json == null || io == null || transition == null) {
      throw new IllegalArgumentException("incomplete state header for " + name);
    }
    if (errors == null) {
      throw new IllegalArgumentException("errors default to ErrorHandling.NONE");
    }
  }
}
