package dev.mljobs.handlers;

import java.util.UUID;

/**
 * Where a {@code batch_inference} job's per-item results live in the blob store: JSON Lines parts
 * {@code part-00000.jsonl}, {@code part-00001.jsonl}, … under one prefix per job, as the worker
 * writes them (its {@code OUTPUT_URI}); the job's result says how many parts there are.
 */
public final class BatchResults {

  private BatchResults() {}

  /** The key prefix of the job's parts, ending in {@code /}. */
  public static String prefixKey(UUID jobId) {
    return "results/" + jobId + "/items/";
  }

  /** The key of part {@code index} of the job's results. */
  public static String partKey(UUID jobId, int index) {
    return prefixKey(jobId) + String.format("part-%05d.jsonl", index);
  }
}
