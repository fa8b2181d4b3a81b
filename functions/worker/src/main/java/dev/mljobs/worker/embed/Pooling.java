package dev.mljobs.worker.embed;

import java.nio.FloatBuffer;

/** sentence-transformers' pooling for all-MiniLM-L6-v2: the mean over real tokens, then L2. */
final class Pooling {

  private Pooling() {}

  /**
   * @param hidden the model's last hidden state, {@code [batch, seqLen, dims]}, row-major
   * @param mask the attention mask, {@code [batch, seqLen]}, row-major
   * @param row which text of the batch
   * @return the unit-length mean of the row's token vectors where the mask is 1
   */
  static float[] meanNormalised(FloatBuffer hidden, long[] mask, int row, int seqLen, int dims) {
    // Accumulate in double: the sum of up to 256 token vectors, then the norm, stay exact enough
    // that a text alone and in a batch agree to 1e-6.
    double[] sum = new double[dims];
    int tokens = 0;
    for (int t = 0; t < seqLen; t++) {
      if (mask[row * seqLen + t] == 0) {
        continue;
      }
      tokens++;
      int base = (row * seqLen + t) * dims;
      for (int d = 0; d < dims; d++) {
        sum[d] += hidden.get(base + d);
      }
    }
    double norm = 0;
    for (int d = 0; d < dims; d++) {
      sum[d] /= Math.max(tokens, 1);
      norm += sum[d] * sum[d];
    }
    // sentence-transformers' Normalize divides by max(norm, 1e-12)
    double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    float[] out = new float[dims];
    for (int d = 0; d < dims; d++) {
      out[d] = (float) (sum[d] * scale);
    }
    return out;
  }
}
