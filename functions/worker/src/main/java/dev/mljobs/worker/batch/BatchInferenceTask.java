package dev.mljobs.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import dev.mljobs.worker.vision.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code batch_inference} job: one task type ({@code params.task_type}) over every item of
 * {@code params.input_uri} (see {@link BatchInputs}), {@code params.batch_size} items at a time.
 * Each item's outcome is one JSON line under the job's output prefix (see {@link ResultParts}):
 * {@code {"index", "item", "ok": true, <result fields>, "inference_time_ms"}} or {@code {"index",
 * "item", "ok": false, "error"}}. A bad item fails alone; the job fails only when every item does.
 * Progress is reported after each batch, and its answer is where a cancel is learnt, so a cancelled
 * job stops within one batch.
 */
public final class BatchInferenceTask {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BatchInferenceTask() {}

  /**
   * @return the summary: {@code task_type, model_id, input_uri, output_uri, parts, total_items,
   *     succeeded_items, failed_items, total_inference_time_ms, avg_inference_time_ms}
   * @throws JobFailedException when the params are wrong, there is nothing to run, every item
   *     fails, or the results cannot be written
   * @throws dev.mljobs.worker.JobCancelledException when the job was cancelled
   * @throws InterruptedException when the worker is stopped
   */
  public static JsonNode run(Work work, Progress progress, S3Objects s3, ModelFiles models)
      throws InterruptedException {
    JsonNode params = work.params();
    String taskType = Params.requiredText(params, "task_type");
    S3Uri input = s3Uri(Params.requiredText(params, "input_uri"), "params.input_uri");
    if (work.outputUri() == null) {
      throw new JobFailedException("the worker was given no output location (OUTPUT_URI)");
    }
    S3Uri output = s3Uri(work.outputUri(), "OUTPUT_URI");
    // the items first: a missing input fails in one S3 call, before a model is loaded
    List<BatchInputs.Item> items = BatchInputs.resolve(input, output, s3);
    ItemRunner runner = ItemRunners.forTask(taskType, work, models);
    int batchSize =
        Params.integer(params, "batch_size", runner.defaultBatchSize(), 1, runner.maxBatchSize());
    ResultParts parts = new ResultParts(s3, output);
    int failed = 0;
    double inferenceMs = 0;
    String firstError = null;
    FailureKind kind = FailureKind.PERMANENT; // transient once an item may be readable later
    try (Fetcher fetcher = new Fetcher(s3, runner.maxItemBytes(), batchSize)) {
      var reading = fetcher.start(batch(items, 0, batchSize));
      for (int start = 0; start < items.size(); start += batchSize) {
        if (Thread.interrupted()) {
          throw new InterruptedException("worker stopped");
        }
        List<BatchInputs.Item> batch = batch(items, start, batchSize);
        List<Fetcher.Fetched> fetched = fetcher.await(reading);
        reading = fetcher.start(batch(items, start + batchSize, batchSize)); // read while it runs
        List<byte[]> inputs = new ArrayList<>();
        for (Fetcher.Fetched f : fetched) {
          if (f.bytes() != null) {
            inputs.add(f.bytes());
          }
        }
        long began = System.nanoTime();
        List<ItemRunner.Outcome> outcomes = inputs.isEmpty() ? List.of() : runner.run(inputs);
        double batchMs = (System.nanoTime() - began) / 1e6;
        inferenceMs += batchMs;
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
          Fetcher.Fetched f = fetched.get(i);
          ItemRunner.Outcome outcome =
              f.bytes() == null ? ItemRunner.Outcome.failed(f.error()) : outcomes.get(next++);
          ObjectNode line =
              JSON.objectNode().put("index", start + i).put("item", batch.get(i).name());
          if (outcome.isOk()) {
            line.put("ok", true).setAll(outcome.fields());
            line.put("inference_time_ms", round(batchMs / inputs.size()));
          } else {
            line.put("ok", false).put("error", outcome.error());
            failed++;
            kind = f.kind() == FailureKind.TRANSIENT ? f.kind() : kind;
            firstError =
                firstError == null ? named(batch.get(i).name(), outcome.error()) : firstError;
          }
          parts.add(line);
        }
        int done = start + batch.size();
        progress.report(
            100 * done / items.size(),
            done
                + " of "
                + items.size()
                + " items"
                + (failed > 0 ? ", " + failed + " failed" : ""));
      }
    }
    parts.flush();
    if (failed == items.size()) {
      throw JobFailedException.of(
          kind,
          (failed == 1 ? "the only item" : "all " + failed + " items")
              + " failed; first: "
              + firstError
              + " (every item's reason is under "
              + output
              + ")");
    }
    int succeeded = items.size() - failed;
    ObjectNode summary = JSON.objectNode();
    summary.put("task_type", taskType);
    summary.put("model_id", runner.modelId());
    summary.put("input_uri", input.toString());
    summary.put("output_uri", output.toString());
    summary.put("parts", parts.parts());
    summary.put("total_items", items.size());
    summary.put("succeeded_items", succeeded);
    summary.put("failed_items", failed);
    summary.put("total_inference_time_ms", round(inferenceMs));
    summary.put("avg_inference_time_ms", round(inferenceMs / succeeded));
    if (firstError != null) {
      summary.put("first_error", firstError);
    }
    return summary;
  }

  private static List<BatchInputs.Item> batch(List<BatchInputs.Item> items, int start, int size) {
    return items.subList(Math.min(items.size(), start), Math.min(items.size(), start + size));
  }

  private static S3Uri s3Uri(String text, String field) {
    try {
      return S3Uri.parse(text);
    } catch (IllegalArgumentException e) {
      throw new JobFailedException(field + " " + e.getMessage());
    }
  }

  private static String named(String item, String reason) {
    return reason.startsWith(item) ? reason : item + ": " + reason;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
