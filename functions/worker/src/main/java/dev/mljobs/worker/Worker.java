package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.model.ModelRequest;
import dev.mljobs.worker.batch.BatchInferenceTask;
import dev.mljobs.worker.embed.TextEmbeddingTask;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.vision.ImageClassificationTask;
import dev.mljobs.worker.vision.ObjectDetectionTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one attempt of a job, by its type. The Lambda handler and the CLI both call this. */
public final class Worker {

  private final S3Objects s3;
  private final ModelFiles models;

  /** A worker configured by this process's environment. */
  public Worker() {
    this(System.getenv());
  }

  /**
   * @param env how S3 is reached (region, credentials, {@code AWS_ENDPOINT_URL_S3}) for inputs,
   *     outputs and models, and where models are cached ({@code MODEL_CACHE_DIR})
   */
  public Worker(Map<String, String> env) {
    this.s3 = S3Objects.fromEnvironment(env);
    this.models = new ModelFiles(s3, env);
  }

  /**
   * @return the job's result
   * @throws JobFailedException when the job cannot succeed, with a reason for its submitter
   * @throws JobCancelledException when the job was cancelled while it ran
   * @throws InterruptedException when the worker is stopped
   */
  public JsonNode run(Work work) throws InterruptedException {
    Progress progress = new Progress(work);
    checkModel(work);
    // every read of this job, including the items a manifest names, stays in its owner's space
    S3Objects s3 = this.s3.within(work.ownerSpace());
    ModelFiles models = this.models.using(s3);
    return switch (work.jobType()) {
      case "sleep" -> SleepTask.run(work, progress);
      case "inference" -> inference(work, progress, s3, models);
      case "batch_inference" -> BatchInferenceTask.run(work, progress, s3, models);
      default ->
          throw new JobFailedException(
              "job_type '" + work.jobType() + "' is not supported by this worker");
    };
  }

  /**
   * The registered model's files, checked against the owner's space before anything is read, even
   * when a warm worker has them cached: a model registered before owner spaces were enforced, or a
   * payload made by hand, fails here. ({@code file:} URIs never come from an owner, registration
   * takes only {@code s3://}; they are the CLI's and the tests'.) The params' URIs need no check
   * here: every read of them goes through the owner's {@link S3Objects#within}.
   */
  private static void checkModel(Work work) {
    if (work.model() == null) {
      return;
    }
    List<String> problems = new ArrayList<>();
    ModelRequest.URI_FIELDS.forEach(
        work.model(),
        "model.",
        (field, uri) -> {
          if (!uri.startsWith("file:")) {
            work.ownerSpace().problem(uri).ifPresent(p -> problems.add(field + " " + p));
          }
        });
    if (!problems.isEmpty()) {
      throw new JobFailedException(String.join("; ", problems));
    }
  }

  /** {@code inference} jobs, by {@code params.task_type}. */
  private static JsonNode inference(Work work, Progress progress, S3Objects s3, ModelFiles models)
      throws InterruptedException {
    String taskType = work.params().path("task_type").asText("");
    return switch (taskType) {
      case "txt2embed" -> TextEmbeddingTask.run(work, progress, models);
      case "image_classification" -> ImageClassificationTask.run(work, progress, s3, models);
      case "object_detection" -> ObjectDetectionTask.run(work, progress, s3, models);
      default ->
          throw new JobFailedException(
              "params.task_type must be one of txt2embed, image_classification, object_detection,"
                  + " got '"
                  + taskType
                  + "'");
    };
  }
}
