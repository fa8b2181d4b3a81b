package dev.mljobs.worker.embed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.TransientJobFailedException;
import dev.mljobs.worker.batch.ItemRunner;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text embedding as an {@link ItemRunner} of a batch job: each object is one text, UTF-8, whole;
 * its result is {@code {"embedding": [...], "truncated": bool}}.
 */
public final class TextItems implements ItemRunner {

  /** Far beyond what the model reads (it truncates at its maximum length anyway). */
  static final long MAX_TEXT_BYTES = 1024 * 1024;

  private final SentenceEncoder encoder;

  private TextItems(SentenceEncoder encoder) {
    this.encoder = encoder;
  }

  public static ItemRunner of(SentenceEncoder encoder) {
    return new TextItems(encoder);
  }

  @Override
  public List<Outcome> run(List<byte[]> inputs) {
    Outcome[] outcomes = new Outcome[inputs.size()];
    List<String> texts = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String text = utf8(inputs.get(i));
      if (text == null) {
        outcomes[i] = Outcome.failed("the text is not valid UTF-8");
      } else if (text.isBlank()) {
        outcomes[i] = Outcome.failed("the text is empty");
      } else {
        texts.add(text);
        positions.add(i);
      }
    }
    if (!texts.isEmpty()) {
      Embeddings embeddings;
      try {
        embeddings = encoder.encode(texts, texts.size(), (done, total) -> {});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the batch loop stops before the next batch
        throw new TransientJobFailedException("the worker was stopped");
      } catch (IllegalStateException e) {
        // a model that passed its checks at registration: the cause is not known to be the input
        throw new TransientJobFailedException("the model failed to run: " + e.getMessage());
      }
      for (int j = 0; j < texts.size(); j++) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.set("embedding", TextEmbeddingTask.vector(embeddings.vectors()[j]));
        fields.put("truncated", embeddings.truncated().contains(j));
        outcomes[positions.get(j)] = Outcome.ok(fields);
      }
    }
    return List.of(outcomes);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public String modelId() {
    return encoder.model().id();
  }

  @Override
  public int defaultBatchSize() {
    return EmbedRequest.DEFAULT_BATCH_SIZE;
  }

  @Override
  public int maxBatchSize() {
    return EmbedRequest.MAX_BATCH_SIZE;
  }

  @Override
  public long maxItemBytes() {
    return MAX_TEXT_BYTES;
  }
}
