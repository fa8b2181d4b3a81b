package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code sleep} job: waits {@code params.seconds} (0-3600, fractions allowed), reporting
 * progress about once a second, and fails on purpose when {@code params.fail} is set (true, or a
 * message) or while the attempt is at most {@code params.fail_until_attempt}. It exercises the
 * whole lifecycle without any model; {@code params.result_bytes} pads the result, to exercise
 * results too large to keep inline.
 */
final class SleepTask {

  private SleepTask() {}

  static JsonNode run(Work work, Progress progress) throws InterruptedException {
    JsonNode seconds = work.params().get("seconds");
    if (seconds == null
        || !seconds.isNumber()
        || seconds.asDouble() < 0
        || seconds.asDouble() > 3600) {
      throw new JobFailedException("params.seconds must be a number from 0 to 3600");
    }
    long total = Math.round(seconds.asDouble() * 1000);
    long start = System.nanoTime();
    long slept = 0;
    while (slept < total) {
      long slice = Math.min(1000, total - slept);
      Thread.sleep(slice);
      slept = (System.nanoTime() - start) / 1_000_000;
      if (slept < total) {
        progress.report((int) (100 * slept / total), "slept " + slept + " of " + total + " ms");
      }
    }
    int failUntil = work.params().path("fail_until_attempt").asInt(0);
    if (work.attempt() <= failUntil) {
      throw new TransientJobFailedException(
          "failed on purpose in attempt " + work.attempt() + " (params.fail_until_attempt)");
    }
    JsonNode fail = work.params().get("fail");
    if (fail != null && (fail.asBoolean(false) || (fail.isTextual() && !fail.asText().isBlank()))) {
      // transient on purpose: these exercise retries with backoff
      throw new TransientJobFailedException(
          fail.isTextual() ? fail.asText() : "failed on purpose (params.fail)");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("slept_ms", total);
    result.put("attempt", work.attempt());
    int padding = work.params().path("result_bytes").asInt(0);
    if (padding > 0) {
      result.put("padding", "x".repeat(padding));
    }
    return result;
  }
}
