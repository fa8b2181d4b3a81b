package dev.mljobs.worker.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.model.ModelFileException;
import dev.mljobs.worker.model.ModelFiles;
import java.time.Duration;

/**
 * The {@code inference} job with {@code params.task_type == "txt2embed"}: sentence embeddings of
 * {@code params.input_data.text} or {@code .texts}, as sentence-transformers computes them.
 */
public final class TextEmbeddingTask {

  private TextEmbeddingTask() {}

  /**
   * @return {@code {task_type, model_id, dimensions, embedding | embeddings, truncated}}
   * @throws JobFailedException when the params are wrong, naming the field
   * @throws InterruptedException when the worker is stopped
   */
  public static JsonNode run(Work work, Progress progress, ModelFiles files)
      throws InterruptedException {
    EmbedRequest request = EmbedRequest.from(work.params(), registered(work, files));
    SentenceEncoder encoder = ModelCache.encoder(request.model(), request.device());
    Embeddings embeddings =
        encoder.encode(
            request.texts(),
            request.batchSize(),
            new ThrottledListener(
                (done, total) ->
                    progress.report(
                        100 * done / total, "embedded " + done + " of " + total + " texts"),
                Duration.ofSeconds(1),
                System::nanoTime));
    return result(request, embeddings);
  }

  /**
   * The text model a job names: the registered one its work carries, else a built-in one.
   *
   * @throws JobFailedException when it names neither, or the registered model's files cannot be
   *     fetched
   */
  public static ModelSpec model(Work work, ModelFiles files) {
    return EmbedRequest.model(work.params(), registered(work, files));
  }

  /**
   * The registered model the work carries, its files fetched into the model cache; {@code null}
   * when the job names a built-in model.
   */
  private static ModelSpec registered(Work work, ModelFiles files) {
    JsonNode spec = work.model();
    String modelId = work.params().path("model_id").asText();
    if (spec == null || !modelId.equals(spec.path("model_id").asText())) {
      return null;
    }
    if (!"txt2embed".equals(spec.path("task_type").asText())) {
      throw new JobFailedException(
          "model "
              + modelId
              + " is registered for "
              + spec.path("task_type").asText()
              + ", not txt2embed");
    }
    JsonNode p = spec.path("preprocessing");
    try {
      return ModelSpec.registered(
          modelId,
          files.fetch(spec.path("model_uri").asText()),
          files.fetch(p.path("tokenizer_uri").asText()),
          p.path("max_length").asInt(256));
    } catch (ModelFileException e) {
      throw JobFailedException.of(
          e.kind(), "model " + modelId + " cannot be fetched: " + e.getMessage());
    }
  }

  static ObjectNode result(EmbedRequest request, Embeddings embeddings) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode result = json.objectNode();
    result.put("task_type", "txt2embed");
    result.put("model_id", request.model().id());
    result.put("dimensions", embeddings.vectors()[0].length);
    if (request.single()) {
      result.set("embedding", vector(embeddings.vectors()[0]));
    } else {
      ArrayNode all = result.putArray("embeddings");
      for (float[] v : embeddings.vectors()) {
        all.add(vector(v));
      }
    }
    ArrayNode truncated = result.putArray("truncated");
    embeddings.truncated().forEach(truncated::add);
    return result;
  }

  static ArrayNode vector(float[] v) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(v.length);
    for (float x : v) {
      array.add(x);
    }
    return array;
  }
}
