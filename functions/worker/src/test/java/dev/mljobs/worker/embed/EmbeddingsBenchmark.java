package dev.mljobs.worker.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * Sentences per second of our encoder and of langchain4j's {@code AllMiniLmL6V2EmbeddingModel}
 * (same fp32 graph) over the same generated sentences, by batch size. A figure, not a test: run by
 * {@code scripts/bench-embeddings}. Arguments: sentence count (default 1000), then intra-op threads
 * for our encoder (default: the available processors).
 */
public final class EmbeddingsBenchmark {

  private static final int[] BATCH_SIZES = {1, 8, 32, 128};
  private static final int ROUNDS = 3;

  private EmbeddingsBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    List<String> sentences = BenchmarkSentences.generate(count, 42);
    System.out.printf(
        "%d sentences of 8-30 words, %d processors, our intra-op threads %d%n",
        count, Runtime.getRuntime().availableProcessors(), threads);

    long start = System.nanoTime();
    SentenceEncoder ours = ModelLoader.load(ModelSpec.ALL_MINILM_L6_V2, threads);
    System.out.printf("ours: model loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    start = System.nanoTime();
    AllMiniLmL6V2EmbeddingModel theirs = new AllMiniLmL6V2EmbeddingModel();
    System.out.printf(
        "langchain4j: model loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();

    // Warm both up (JIT, ORT's allocator) on a slice before measuring.
    ours.encode(sentences.subList(0, 64), 32, (done, total) -> {});
    theirs.embedAll(segments.subList(0, 64));

    System.out.printf("%-10s %14s %18s%n", "batch", "ours (sent/s)", "langchain4j (sent/s)");
    for (int batchSize : BATCH_SIZES) {
      double oursBest = 0;
      double theirsBest = 0;
      // Best of three, interleaved: the machine may be shared, and the best run is the one least
      // disturbed by others.
      for (int round = 0; round < ROUNDS; round++) {
        oursBest = Math.max(oursBest, rate(ours, sentences, batchSize));
        theirsBest = Math.max(theirsBest, rate(theirs, segments, batchSize));
      }
      System.out.printf("%-10d %14.0f %18.0f%n", batchSize, oursBest, theirsBest);
    }
    if (threads > 1) {
      try (SentenceEncoder single = ModelLoader.load(ModelSpec.ALL_MINILM_L6_V2, 1)) {
        single.encode(sentences.subList(0, 64), 32, (done, total) -> {});
        double oneThread = 0;
        double manyThreads = 0;
        for (int round = 0; round < ROUNDS; round++) {
          oneThread = Math.max(oneThread, rate(single, sentences, 32));
          manyThreads = Math.max(manyThreads, rate(ours, sentences, 32));
        }
        System.out.printf(
            "ours, batch 32: intra-op 1 thread %.0f sent/s, %d threads %.0f sent/s%n",
            oneThread, threads, manyThreads);
      }
    }
    ours.close();
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
}
