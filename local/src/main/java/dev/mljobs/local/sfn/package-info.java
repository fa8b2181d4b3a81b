/**
 * The Step Functions API in this JVM ({@link dev.mljobs.local.sfn.LocalStepFunctions}), over the
 * project's ASL interpreter, for the real SDK client.
 *
 * <p>Where it differs from AWS, on purpose:
 *
 * <ul>
 *   <li>Only CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine,
 *       DeleteStateMachine, StartExecution, StopExecution, DescribeExecution, GetExecutionHistory
 *       and ListExecutions exist; anything else is an UnknownOperationException. Requests are not
 *       authenticated.
 *   <li>EXPRESS state machines run like STANDARD ones: their executions can be described, listed
 *       and followed in a history, which helps locally.
 *   <li>Name idempotency compares inputs as JSON values, so whitespace does not matter. Names stay
 *       taken until their state machine is deleted, not for 90 days.
 *   <li>DeleteStateMachine takes effect at once: running executions are aborted and all the
 *       machine's executions are forgotten.
 *   <li>Tags, logging, tracing and encryption settings are accepted and ignored; versions, aliases,
 *       activities, Map runs and RedriveExecution do not exist.
 *   <li>An execution that was running when the process ended is run again from the beginning by the
 *       next process: it keeps its ARN, name, input and start date, its redriveCount goes up, and
 *       its history is the first ExecutionStarted event, an ExecutionRedriven event, then the new
 *       run's events (those of the run cut short are lost). AWS redrives only failed executions,
 *       from the state that failed.
 *   <li>Dates have millisecond precision. {@code includeExecutionData: false} removes inputs and
 *       outputs from event details, not task parameters.
 * </ul>
 */
package dev.mljobs.local.sfn;
