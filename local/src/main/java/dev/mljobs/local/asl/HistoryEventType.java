package dev.mljobs.local.asl;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The history event types this interpreter records, with the names and detail fields of the Step
 * Functions GetExecutionHistory API.
 */
public enum HistoryEventType {
  EXECUTION_STARTED("ExecutionStarted", "executionStartedEventDetails"),
  EXECUTION_SUCCEEDED("ExecutionSucceeded", "executionSucceededEventDetails"),
  EXECUTION_FAILED("ExecutionFailed", "executionFailedEventDetails"),
  EXECUTION_ABORTED("ExecutionAborted", "executionAbortedEventDetails"),
  EXECUTION_TIMED_OUT("ExecutionTimedOut", "executionTimedOutEventDetails"),
  TASK_STATE_ENTERED("TaskStateEntered", "stateEnteredEventDetails"),
  TASK_STATE_EXITED("TaskStateExited", "stateExitedEventDetails"),
  TASK_STATE_ABORTED("TaskStateAborted", null),
  TASK_SCHEDULED("TaskScheduled", "taskScheduledEventDetails"),
  TASK_STARTED("TaskStarted", "taskStartedEventDetails"),
  TASK_SUCCEEDED("TaskSucceeded", "taskSucceededEventDetails"),
  TASK_FAILED("TaskFailed", "taskFailedEventDetails"),
  TASK_TIMED_OUT("TaskTimedOut", "taskTimedOutEventDetails"),
  PASS_STATE_ENTERED("PassStateEntered", "stateEnteredEventDetails"),
  PASS_STATE_EXITED("PassStateExited", "stateExitedEventDetails"),
  CHOICE_STATE_ENTERED("ChoiceStateEntered", "stateEnteredEventDetails"),
  CHOICE_STATE_EXITED("ChoiceStateExited", "stateExitedEventDetails"),
  WAIT_STATE_ENTERED("WaitStateEntered", "stateEnteredEventDetails"),
  WAIT_STATE_EXITED("WaitStateExited", "stateExitedEventDetails"),
  WAIT_STATE_ABORTED("WaitStateAborted", null),
  SUCCEED_STATE_ENTERED("SucceedStateEntered", "stateEnteredEventDetails"),
  SUCCEED_STATE_EXITED("SucceedStateExited", "stateExitedEventDetails"),
  FAIL_STATE_ENTERED("FailStateEntered", "stateEnteredEventDetails"),
  PARALLEL_STATE_ENTERED("ParallelStateEntered", "stateEnteredEventDetails"),
  PARALLEL_STATE_EXITED("ParallelStateExited", "stateExitedEventDetails"),
  PARALLEL_STATE_ABORTED("ParallelStateAborted", null),
  PARALLEL_STATE_STARTED("ParallelStateStarted", null),
  PARALLEL_STATE_SUCCEEDED("ParallelStateSucceeded", null),
  PARALLEL_STATE_FAILED("ParallelStateFailed", null),
  MAP_STATE_ENTERED("MapStateEntered", "stateEnteredEventDetails"),
  MAP_STATE_EXITED("MapStateExited", "stateExitedEventDetails"),
  MAP_STATE_ABORTED("MapStateAborted", null),
  MAP_STATE_STARTED("MapStateStarted", "mapStateStartedEventDetails"),
  MAP_STATE_SUCCEEDED("MapStateSucceeded", null),
  MAP_STATE_FAILED("MapStateFailed", null),
  MAP_ITERATION_STARTED("MapIterationStarted", "mapIterationStartedEventDetails"),
  MAP_ITERATION_SUCCEEDED("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
  MAP_ITERATION_FAILED("MapIterationFailed", "mapIterationFailedEventDetails"),
  MAP_ITERATION_ABORTED("MapIterationAborted", "mapIterationAbortedEventDetails");

  private static final Map<String, HistoryEventType> BY_API_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(t -> t.apiName, Function.identity()));

  private final String apiName;
  private final String detailsField;

  HistoryEventType(String apiName, String detailsField) {
    this.apiName = apiName;
    this.detailsField = detailsField;
  }

  /** The API's name, such as {@code TaskStateEntered}. */
  public String apiName() {
    return apiName;
  }

  /** The API's field holding this type's details, if it has any. */
  public Optional<String> detailsField() {
    return Optional.ofNullable(detailsField);
  }

  /** The type named {@code apiName}, if this interpreter records it. */
  public static Optional<HistoryEventType> fromApiName(String apiName) {
    return Optional.ofNullable(BY_API_NAME.get(apiName));
  }

  /** {@code <StateType>StateEntered}, {@code ...Exited} or {@code ...Aborted}, if it exists. */
  static Optional<HistoryEventType> forState(String stateType, String phase) {
    return fromApiName(stateType + "State" + phase);
  }
}
