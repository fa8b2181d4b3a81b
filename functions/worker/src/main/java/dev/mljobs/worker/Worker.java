package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one attempt of a job, by its type. The Lambda handler and the CLI both call this. */
public final class Worker {

  /**
   * @return the job's result
   * @throws JobFailedException when the job cannot succeed, with a reason for its submitter
   * @throws JobCancelledException when the job was cancelled while it ran
   * @throws InterruptedException when the worker is stopped
   */
  public JsonNode run(Work work) throws InterruptedException {
    Progress progress = new Progress(work);
    return switch (work.jobType()) {
      case "sleep" -> SleepTask.run(work, progress);
      case "inference" -> dev.mljobs.worker.embed.TextEmbeddingTask.run(work, progress);
      default ->
          throw new JobFailedException(
              "job_type '" + work.jobType() + "' is not supported by this worker");
    };
  }
}
