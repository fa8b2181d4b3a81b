package dev.mljobs.worker.embed;

/** Vector arithmetic for the tests' assertions. */
final class Vectors {

  private Vectors() {}

  static double cosine(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
