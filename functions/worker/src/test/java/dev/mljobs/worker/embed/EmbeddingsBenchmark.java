package dev.mljobs.worker.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.mljobs.worker.Device;
import dev.mljobs.worker.FileCache;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentences per second over the same generated sentences, by batch size. A figure, not a test: run
 * by {@code scripts/bench-embeddings}. Arguments: sentence count (default 1000), then the mode:
 *
 * <ul>
 *   <li>{@code compare} (default): our encoder with its default settings; langchain4j's {@code
 *       AllMiniLmL6V2EmbeddingModel} (same fp32 graph); and the limit: a bare ONNX Runtime session
 *       with our settings over texts tokenised, length-sorted and made into tensors beforehand, so
 *       that only {@code session.run} is timed.
 *   <li>{@code threads}: our encoder with 1 thread per run and as many parallel runs as processors
 *       (the default), against one run at a time with that many intra-op threads, and one run at a
 *       time on one thread.
 * </ul>
 */
public final class EmbeddingsBenchmark {

  private static final int[] BATCH_SIZES = {1, 8, 32, 128};
  private static final int ROUNDS = 3;

  private EmbeddingsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String mode = args.length > 1 ? args[1] : "compare";
    int processors = Runtime.getRuntime().availableProcessors();
    List<String> sentences = BenchmarkSentences.generate(count, 42);
    EncoderSettings defaults = EncoderSettings.fromEnvironment(Map.of(), processors);
    System.out.printf(
        "%d sentences of 8-30 words, %d processors, %s%n", count, processors, defaults);
    if (mode.equals("threads")) {
      threads(sentences, processors);
    } else {
      compare(sentences, defaults);
    }
  }

  private static void compare(List<String> sentences, EncoderSettings settings) throws Exception {
    long start = System.nanoTime();
    SentenceEncoder ours = ModelLoader.load(ModelSpec.ALL_MINILM_L6_V2, settings, System.getenv());
    System.out.printf("ours: model loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    start = System.nanoTime();
    AllMiniLmL6V2EmbeddingModel theirs = new AllMiniLmL6V2EmbeddingModel();
    System.out.printf(
        "langchain4j: model loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
    try (RawSession raw = new RawSession(settings, sentences)) {
      // Warm all up (JIT, ORT's allocator) on a slice before measuring.
      ours.encode(sentences.subList(0, 64), 32, (done, total) -> {});
      theirs.embedAll(segments.subList(0, 64));
      raw.rate(32);

      System.out.printf(
          "%-6s %12s %12s %12s %14s %14s%n",
          "batch", "ours", "langchain4j", "raw limit", "ours/lc4j", "ours/limit");
      for (int batchSize : BATCH_SIZES) {
        double oursBest = 0;
        double theirsBest = 0;
        double rawBest = 0;
        // Best of three, interleaved: the machine may be shared, and the best run is the one
        // least disturbed by others.
        for (int round = 0; round < ROUNDS; round++) {
          oursBest = Math.max(oursBest, rate(ours, sentences, batchSize));
          theirsBest = Math.max(theirsBest, rate(theirs, segments, batchSize));
          rawBest = Math.max(rawBest, raw.rate(batchSize));
        }
        System.out.printf(
            "%-6d %12.0f %12.0f %12.0f %13.2fx %13.0f%%%n",
            batchSize,
            oursBest,
            theirsBest,
            rawBest,
            oursBest / theirsBest,
            100 * oursBest / rawBest);
      }
    }
    ours.close();
  }

  private static void threads(List<String> sentences, int processors) throws Exception {
    EncoderSettings[] settings = {
      new EncoderSettings(1, processors, Device.CPU),
      new EncoderSettings(processors, 1, Device.CPU),
      new EncoderSettings(1, 1, Device.CPU)
    };
    SentenceEncoder[] encoders = new SentenceEncoder[settings.length];
    try {
      System.out.printf("%-6s", "batch");
      for (int i = 0; i < settings.length; i++) {
        encoders[i] = ModelLoader.load(ModelSpec.ALL_MINILM_L6_V2, settings[i], Map.of());
        encoders[i].encode(sentences.subList(0, 64), 32, (done, total) -> {});
        System.out.printf(
            " %22s",
            settings[i].parallelRuns() + " runs x " + settings[i].intraOpThreads() + " threads");
      }
      System.out.println("   (sentences/s; the first is the default)");
      for (int batchSize : new int[] {1, 8, 32}) {
        double[] best = new double[settings.length];
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < settings.length; i++) {
            best[i] = Math.max(best[i], rate(encoders[i], sentences, batchSize));
          }
        }
        System.out.printf("%-6d", batchSize);
        for (double b : best) {
          System.out.printf(" %22.0f", b);
        }
        System.out.println();
      }
    } finally {
      for (SentenceEncoder e : encoders) {
        if (e != null) {
          e.close();
        }
      }
    }
  }

  private static double rate(SentenceEncoder encoder, List<String> texts, int batchSize)
      throws InterruptedException {
    long start = System.nanoTime();
    encoder.encode(texts, batchSize, (done, total) -> {});
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** langchain4j has no batch size of its own: it is given the texts in chunks of this size. */
  private static double rate(
      AllMiniLmL6V2EmbeddingModel model, List<TextSegment> texts, int batchSize) {
    long start = System.nanoTime();
    for (int from = 0; from < texts.size(); from += batchSize) {
      model.embedAll(texts.subList(from, Math.min(texts.size(), from + batchSize)));
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * The limit: ONNX Runtime alone, with the encoder's settings (threads per run, runs in parallel),
   * on tensors made beforehand from the texts tokenised and sorted by length. No tokenising,
   * padding, pooling or reordering is timed.
   */
  private static final class RawSession implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final EncoderSettings settings;
    private final Encoding[] sorted;

    RawSession(EncoderSettings settings, List<String> texts) throws Exception {
      this.settings = settings;
      Path graph =
          FileCache.file(
                  RawSession.class.getResource(ModelSpec.ALL_MINILM_L6_V2.modelResource()),
                  FileCache.directory(System.getenv()))
              .orElseThrow();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(settings.intraOpThreads());
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(graph.toString(), options);
      }
      try (InputStream json =
              RawSession.class.getResourceAsStream(ModelSpec.ALL_MINILM_L6_V2.tokenizerResource());
          HuggingFaceTokenizer tokenizer =
              HuggingFaceTokenizer.newInstance(
                  json, Map.of("padding", "false", "truncation", "true", "maxLength", "256"))) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int[] lengths = new int[encodings.length];
        for (int i = 0; i < lengths.length; i++) {
          lengths[i] = encodings[i].getIds().length;
        }
        sorted = new Encoding[encodings.length];
        int k = 0;
        for (int[] batch : Batches.plan(lengths, encodings.length)) {
          for (int i : batch) {
            sorted[k++] = encodings[i];
          }
        }
      }
    }

    double rate(int batchSize) throws Exception {
      List<Map<String, OnnxTensor>> batches = new ArrayList<>();
      for (int from = 0; from < sorted.length; from += batchSize) {
        batches.add(tensors(from, Math.min(sorted.length, from + batchSize)));
      }
      AtomicInteger next = new AtomicInteger();
      List<Exception> failures = new ArrayList<>();
      Runnable runner =
          () -> {
            try {
              for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                session.run(batches.get(i)).close();
              }
            } catch (OrtException e) {
              synchronized (failures) {
                failures.add(e);
              }
            }
          };
      long start = System.nanoTime();
      Thread[] threads = new Thread[settings.parallelRuns()];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(runner);
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double rate = sorted.length / ((System.nanoTime() - start) / 1e9);
      for (Map<String, OnnxTensor> batch : batches) {
        batch.values().forEach(OnnxTensor::close);
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
      return rate;
    }

    private Map<String, OnnxTensor> tensors(int from, int to) throws OrtException {
      int seqLen = sorted[to - 1].getIds().length;
      long[] ids = new long[(to - from) * seqLen];
      long[] mask = new long[ids.length];
      for (int row = 0; row < to - from; row++) {
        long[] rowIds = sorted[from + row].getIds();
        System.arraycopy(rowIds, 0, ids, row * seqLen, rowIds.length);
        System.arraycopy(
            sorted[from + row].getAttentionMask(), 0, mask, row * seqLen, rowIds.length);
      }
      long[] shape = {to - from, seqLen};
      return Map.of(
          "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
          "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape),
          "token_type_ids",
              OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
    }

    @Override
    public void close() throws OrtException {
      session.close();
    }
  }
}
