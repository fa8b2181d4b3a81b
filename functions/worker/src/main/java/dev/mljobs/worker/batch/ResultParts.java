package dev.mljobs.worker.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.TransientJobFailedException;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The per-item results of a {@code batch_inference} job as JSON Lines, in parts {@code
 * part-00000.jsonl}, {@code part-00001.jsonl}, … under the output prefix, in item order. A part is
 * written once it holds {@value #MAX_LINES} lines or {@value #MAX_BYTES} bytes, so what a stopped
 * job had done survives, and a page of results never needs more than one part read.
 */
final class ResultParts {

  static final int MAX_LINES = 1000;
  static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Objects s3;
  private final S3Uri prefix;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private int lines;
  private int parts;

  ResultParts(S3Objects s3, S3Uri prefix) {
    this.s3 = s3;
    this.prefix = prefix;
  }

  /** The name of part {@code index} under the output prefix. */
  static String partName(int index) {
    return String.format("part-%05d.jsonl", index);
  }

  /**
   * @throws JobFailedException when a full part cannot be written
   */
  void add(ObjectNode line) {
    try {
      buffer.write(JSON.writeValueAsBytes(line));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buffer.write('\n');
    lines++;
    if (lines >= MAX_LINES || buffer.size() >= MAX_BYTES) {
      flush();
    }
  }

  /**
   * Writes the part being filled, if it holds anything.
   *
   * @throws TransientJobFailedException when S3 refuses it
   */
  void flush() {
    if (lines == 0) {
      return;
    }
    S3Uri part = prefix.resolve(partName(parts));
    try {
      s3.put(part, buffer.toByteArray(), "application/x-ndjson");
    } catch (IOException e) {
      // S3 refusing a write of our own output prefix is not the submitter's mistake
      throw new TransientJobFailedException("the results cannot be written: " + e.getMessage());
    }
    parts++;
    lines = 0;
    buffer.reset();
  }

  /** The number of parts written. */
  int parts() {
    return parts;
  }
}
