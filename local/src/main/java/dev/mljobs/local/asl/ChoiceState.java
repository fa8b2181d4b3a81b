package dev.mljobs.local.asl;

import java.util.List;

/**
 * A Choice state.
 *
 * @param defaultNext null when there is no Default
 */
record ChoiceState(StateHeader header, List<Branch> choices, String defaultNext) implements State {
  ChoiceState {
    choices = List.copyOf(choices);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a Choice needs at least one rule");
    }
  }

  /** A top-level rule and the state it leads to. */
  record Branch(ChoiceRule rule, String next) {
    Branch {
      if (rule == null || next == null) {
        throw new IllegalArgumentException("a choice needs a rule and a Next");
      }
    }
  }
}
