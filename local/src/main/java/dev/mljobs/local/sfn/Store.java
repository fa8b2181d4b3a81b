package dev.mljobs.local.sfn;

import java.util.List;

/** Where state machines and executions outlive the process; {@link #NONE} keeps nothing. */
interface Store {
  /** Keeps nothing: a service without a data directory starts empty every time. */
  Store NONE =
      new Store() {
        @Override
        public List<StateMachine> loadStateMachines() {
          return List.of();
        }

        @Override
        public void save(StateMachine machine) {}

        @Override
        public void delete(StateMachine machine) {}

        @Override
        public List<StoredExecution> loadExecutions() {
          return List.of();
        }

        @Override
        public void save(StoredExecution execution) {}

        @Override
        public void delete(StoredExecution execution) {}
      };

  /**
   * Every stored state machine.
   *
   * @throws java.io.UncheckedIOException when one cannot be read
   */
  List<StateMachine> loadStateMachines();

  /**
   * Writes a state machine, replacing any earlier version, atomically.
   *
   * @throws java.io.UncheckedIOException when it cannot be written
   */
  void save(StateMachine machine);

  /**
   * Removes a state machine and all its executions.
   *
   * @throws java.io.UncheckedIOException when they cannot be removed
   */
  void delete(StateMachine machine);

  /**
   * Every stored execution.
   *
   * @throws java.io.UncheckedIOException when one cannot be read
   */
  List<StoredExecution> loadExecutions();

  /**
   * Writes an execution, replacing any earlier version, atomically.
   *
   * @throws java.io.UncheckedIOException when it cannot be written
   */
  void save(StoredExecution execution);

  /**
   * Removes an execution.
   *
   * @throws java.io.UncheckedIOException when it cannot be removed
   */
  void delete(StoredExecution execution);
}
