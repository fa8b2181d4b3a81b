package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.job.Job;
import dev.mljobs.handlers.BatchResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages through the per-item results of a completed {@code batch_inference} job, in item order,
 * reading the JSON Lines parts its worker wrote. A cursor is the position of the next line (part
 * and line within it), opaque to clients.
 */
final class ResultPages {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  /** A page stops growing past this many bytes of results: an API answer is at most 6 MB. */
  static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "r1";

  private final BlobStore blobs;

  ResultPages(BlobStore blobs) {
    this.blobs = blobs;
  }

  /**
   * @param summary the job's result, which says how many parts there are
   * @param cursor a cursor from an earlier page, or {@code null} for the first
   * @throws Problem 400 naming {@code cursor} or {@code limit} when one is wrong
   */
  ObjectNode page(Job job, JsonNode summary, String cursor, String limitText) throws IOException {
    int limit = limit(limitText);
    int parts = summary == null ? 0 : summary.path("parts").asInt(0);
    int[] at = cursor == null ? new int[] {0, 0} : decode(cursor, parts);
    int part = at[0];
    int line = at[1];
    ArrayNode results = JSON.createArrayNode();
    int bytes = 0;
    boolean first = true;
    while (part < parts && results.size() < limit && bytes < MAX_PAGE_BYTES) {
      List<String> lines = lines(job, part);
      if (first && line >= Math.max(1, lines.size())) {
        throw invalidCursor(); // the cursors we hand out point at a line that exists
      }
      first = false;
      while (line < lines.size() && results.size() < limit && bytes < MAX_PAGE_BYTES) {
        String text = lines.get(line++);
        bytes += text.length();
        results.add(JSON.readTree(text));
      }
      if (line >= lines.size()) {
        part++;
        line = 0;
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("job_id", job.jobId().toString());
    body.set("results", results);
    body.put("next_cursor", part < parts ? encode(part, line) : null);
    return body;
  }

  private List<String> lines(Job job, int part) {
    String text =
        new String(
            blobs.get(blobs.uriOf(BatchResults.partKey(job.jobId(), part))),
            StandardCharsets.UTF_8);
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  static String encode(int part, int line) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + ":" + part + ":" + line).getBytes(StandardCharsets.UTF_8));
  }

  private static int[] decode(String cursor, int parts) {
    try {
      String[] fields =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
      if (fields.length == 3 && fields[0].equals(VERSION)) {
        int part = Integer.parseInt(fields[1]);
        int line = Integer.parseInt(fields[2]);
        if (part >= 0 && part < parts && line >= 0) {
          return new int[] {part, line};
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is one)
    }
    throw invalidCursor();
  }

  private static Problem invalidCursor() {
    return Problem.invalid("cursor", "is not a cursor returned by this API for this job");
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
  }
}
