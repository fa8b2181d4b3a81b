package dev.mljobs.worker.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.Work;
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
  public static JsonNode run(Work work, Progress progress) throws InterruptedException {
    EmbedRequest request = EmbedRequest.from(work.params());
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

  static ObjectNode result(EmbedRequest request, Embeddings embeddings) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode result = json.objectNode();
    result.put("task_type", "txt2embed");
    result.put("model_id", request.model().id());
    result.put("dimensions", request.model().dimensions());
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
