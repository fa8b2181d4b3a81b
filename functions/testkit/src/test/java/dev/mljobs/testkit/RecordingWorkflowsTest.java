package dev.mljobs.testkit;

import dev.mljobs.core.job.Workflows;
import java.util.UUID;

class RecordingWorkflowsTest extends WorkflowsContract {

  private RecordingWorkflows recording;

  @Override
  protected Workflows newWorkflows() {
    recording = new RecordingWorkflows();
    return recording;
  }

  @Override
  protected Workflows unreachableWorkflows() {
    RecordingWorkflows broken = new RecordingWorkflows();
    broken.unreachable(true);
    return broken;
  }

  @Override
  protected boolean running(UUID jobId) {
    return recording.isRunning(jobId);
  }

  @Override
  protected int workflowsOf(UUID jobId) {
    return (int) recording.started().stream().filter(jobId::equals).count();
  }
}
