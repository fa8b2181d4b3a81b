package dev.mljobs.worker.embed;

import java.util.List;

/**
 * Embeddings of texts, in the order the texts were given.
 *
 * @param vectors one unit-length vector per text
 * @param truncated the indexes of the texts that were cut at the model's maximum length, ascending
 */
public record Embeddings(float[][] vectors, List<Integer> truncated) {

  public Embeddings {
    if (vectors == null || truncated == null) {
      throw new IllegalArgumentException("vectors and truncated are required");
    }
    truncated = List.copyOf(truncated);
  }
}
