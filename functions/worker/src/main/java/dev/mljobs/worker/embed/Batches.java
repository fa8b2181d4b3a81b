package dev.mljobs.worker.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups texts into batches of similar token length: each batch is padded to its longest text, so
 * sorting first means little padding is computed for nothing.
 */
final class Batches {

  private Batches() {}

  /**
   * @param lengths the token length of each text
   * @param batchSize the most texts in one batch
   * @return the indexes of the texts in each batch, shortest texts first
   */
  static List<int[]> plan(int[] lengths, int batchSize) {
    int[] order =
        IntStream.range(0, lengths.length)
            .boxed()
            .sorted(Comparator.comparingInt(i -> lengths[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    return batches;
  }
}
