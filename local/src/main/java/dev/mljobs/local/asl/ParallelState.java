package dev.mljobs.local.asl;

import java.util.List;

/** A Parallel state: every branch gets the same input; the result is their outputs in order. */
record ParallelState(StateHeader header, List<StateGraph> branches) implements State {
  ParallelState {
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("a Parallel needs at least one branch");
    }
  }
}
