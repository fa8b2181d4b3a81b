package dev.mljobs.worker.embed;

/** Told after each batch is embedded, so that a long job shows its progress (and can stop). */
@FunctionalInterface
public interface BatchListener {

  /**
   * @param done how many texts are embedded so far
   * @param total how many texts there are
   * @throws InterruptedException when the work is to stop
   */
  void batchDone(int done, int total) throws InterruptedException;
}
