package dev.mljobs.worker.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Turns texts into sentence embeddings with one ONNX session and its tokenizer: tokenize, batch by
 * length, run, mean-pool, normalise. With parallel runs above 1, batches run on that many threads
 * at once (one session: ORT sessions are thread-safe). Thread-safe (ORT sessions and HF tokenizers
 * are); made once per process by {@link ModelCache}.
 */
public final class SentenceEncoder implements AutoCloseable {

  private final ModelSpec model;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final ExecutorService runners;

  /**
   * @param parallelRuns batches run at once; 1 runs them on the caller's thread
   */
  SentenceEncoder(
      ModelSpec model,
      OrtEnvironment env,
      OrtSession session,
      HuggingFaceTokenizer tokenizer,
      int parallelRuns) {
    this.model = model;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.runners =
        parallelRuns == 1
            ? null
            : Executors.newFixedThreadPool(
                parallelRuns,
                r -> {
                  Thread t = new Thread(r, "embed-" + model.id());
                  t.setDaemon(true);
                  return t;
                });
  }

  public ModelSpec model() {
    return model;
  }

  /**
   * @param texts what to embed
   * @param batchSize the most texts per model run
   * @param listener told after each batch
   * @return one unit vector per text, in the order of {@code texts}
   * @throws InterruptedException when the listener says to stop
   * @throws IllegalStateException when ONNX Runtime fails
   */
  public Embeddings encode(List<String> texts, int batchSize, BatchListener listener)
      throws InterruptedException {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int[] lengths = new int[encodings.length];
    List<Integer> truncated = new ArrayList<>();
    for (int i = 0; i < encodings.length; i++) {
      lengths[i] = encodings[i].getIds().length;
      if (encodings[i].exceedMaxLength()) {
        truncated.add(i);
      }
    }
    float[][] vectors = new float[texts.size()][];
    List<int[]> batches = Batches.plan(lengths, batchSize);
    if (runners == null || batches.size() == 1) {
      int done = 0;
      for (int[] batch : batches) {
        store(run(encodings, batch), batch, vectors);
        done += batch.length;
        listener.batchDone(done, texts.size());
      }
    } else {
      inParallel(encodings, batches, vectors, listener);
    }
    return new Embeddings(vectors, truncated);
  }

  /** Runs the batches on the runner threads; the listener hears of them on the caller's thread. */
  private void inParallel(
      Encoding[] encodings, List<int[]> batches, float[][] vectors, BatchListener listener)
      throws InterruptedException {
    CompletionService<int[]> completions = new ExecutorCompletionService<>(runners);
    List<Future<int[]>> pending = new ArrayList<>(batches.size());
    try {
      for (int[] batch : batches) {
        pending.add(
            completions.submit(
                () -> {
                  store(run(encodings, batch), batch, vectors);
                  return batch;
                }));
      }
      int done = 0;
      for (int i = 0; i < batches.size(); i++) {
        done += completions.take().get().length;
        listener.batchDone(done, vectors.length);
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("embedding failed on " + model.id(), e.getCause());
    } finally {
      // on failure or cancellation: the batches not yet started are dropped
      pending.forEach(f -> f.cancel(false));
    }
  }

  private static void store(float[][] pooled, int[] batch, float[][] vectors) {
    for (int j = 0; j < batch.length; j++) {
      vectors[batch[j]] = pooled[j];
    }
  }

  private float[][] run(Encoding[] encodings, int[] batch) {
    int seqLen = 0;
    for (int i : batch) {
      seqLen = Math.max(seqLen, encodings[i].getIds().length);
    }
    // Padded to the longest of the batch with id 0 ([PAD]), mask 0, type 0, as the tokenizer would.
    long[] ids = new long[batch.length * seqLen];
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    for (int row = 0; row < batch.length; row++) {
      Encoding e = encodings[batch[row]];
      int n = e.getIds().length;
      System.arraycopy(e.getIds(), 0, ids, row * seqLen, n);
      System.arraycopy(e.getAttentionMask(), 0, mask, row * seqLen, n);
      System.arraycopy(e.getTypeIds(), 0, types, row * seqLen, n);
    }
    long[] shape = {batch.length, seqLen};
    try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor typesT = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", idsT);
      inputs.put("attention_mask", maskT);
      // BERT exports take token types; other registered models may not
      if (session.getInputNames().contains("token_type_ids")) {
        inputs.put("token_type_ids", typesT);
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor output = (OnnxTensor) result.get(0);
        long[] outShape = output.getInfo().getShape();
        int dims = (int) outShape[outShape.length - 1];
        FloatBuffer hidden = output.getFloatBuffer();
        // [N, T, D] token embeddings are mean-pooled; [N, D] are one "token" per text already
        boolean tokens = outShape.length == 3;
        long[] ones = new long[batch.length];
        Arrays.fill(ones, 1);
        float[][] pooled = new float[batch.length][];
        for (int row = 0; row < batch.length; row++) {
          pooled[row] =
              tokens
                  ? Pooling.meanNormalised(hidden, mask, row, seqLen, dims)
                  : Pooling.meanNormalised(hidden, ones, row, 1, dims);
        }
        return pooled;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on " + model.id(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (runners != null) {
        // A run still going (of an encode that failed or was stopped) must end before the session.
        runners.shutdown();
        if (!runners.awaitTermination(1, TimeUnit.MINUTES)) {
          throw new IllegalStateException("a run of " + model.id() + " did not end");
        }
      }
      session.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped while closing " + model.id(), e);
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the session of " + model.id(), e);
    } finally {
      tokenizer.close();
    }
  }
}
