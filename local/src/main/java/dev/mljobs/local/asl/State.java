package dev.mljobs.local.asl;

/** A parsed state of any type; each type's record holds what only it has. */
sealed interface State
    permits TaskState,
        PassState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {
  StateHeader header();

  default String name() {
    return header().name();
  }
}
