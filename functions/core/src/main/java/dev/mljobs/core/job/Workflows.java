package dev.mljobs.core.job;

import java.util.UUID;

/** The workflow (a state machine execution) that drives one job through its lifecycle. */
public interface Workflows {

  /** What {@link #start} found. */
  enum Start {
    STARTED,
    ALREADY_RUNNING,
    ALREADY_FINISHED
  }

  /**
   * Starts the job's workflow. There is at most one workflow per job: starting it again while it
   * runs, or after it finished, starts nothing. A repeated start of a running workflow may answer
   * {@link Start#STARTED} again: Step Functions answers a start with the same name and input as it
   * answered the first.
   *
   * @throws RuntimeException when the workflow service cannot be reached (the message is retried)
   */
  Start start(Job job);

  /**
   * Stops the job's workflow and with it the work in progress. Stopping a workflow that is not
   * running does nothing.
   *
   * @throws RuntimeException when the workflow service cannot be reached
   */
  void stop(UUID jobId, String cause);
}
