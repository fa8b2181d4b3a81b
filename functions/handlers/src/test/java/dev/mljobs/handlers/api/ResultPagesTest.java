package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.handlers.BatchResults;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.JobFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging per-item results over the parts a batch worker wrote (the blob store fake). */
class ResultPagesTest {

  private final InMemoryBlobStore blobs = new InMemoryBlobStore();
  private final ResultPages pages = new ResultPages(blobs);
  private Job job;

  @BeforeEach
  void aCompletedBatchJob() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    job =
        JobFixtures.aQueuedJob(t)
            .jobType("batch_inference")
            .build()
            .start(t)
            .complete(null, null, t.plusSeconds(1));
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
  }

  /** Writes parts of these sizes, lines numbered across them from 0. */
  private ObjectNode parts(String padding, int... sizes) {
    int index = 0;
    for (int part = 0; part < sizes.length; part++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < sizes[part]; i++) {
        text.append("{\"index\":").append(index++).append(",\"pad\":\"").append(padding);
        text.append("\"}\n");
      }
      blobs.put(
          BatchResults.partKey(job.jobId(), part),
          text.toString().getBytes(StandardCharsets.UTF_8),
          "application/x-ndjson");
    }
    return JsonNodeFactory.instance.objectNode().put("parts", sizes.length);
  }

  private List<Integer> pageThrough(ObjectNode summary, String limit) throws Exception {
    List<Integer> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = pages.page(job, summary, cursor, limit);
      page.get("results").forEach(r -> seen.add(r.get("index").asInt()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    return seen;
  }

  @Test
  void pages_cross_part_boundaries_and_give_every_line_once_in_order() throws Exception {
    ObjectNode summary = parts("", 2, 3, 1);
    assertThat(pageThrough(summary, "2")).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(pageThrough(summary, "4")).containsExactly(0, 1, 2, 3, 4, 5);
    JsonNode first = pages.page(job, summary, null, "6");
    assertThat(first.get("results")).hasSize(6);
    assertThat(first.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void a_page_stops_growing_at_about_four_megabytes() throws Exception {
    ObjectNode summary = parts("x".repeat(1_100_000), 6);
    JsonNode page = pages.page(job, summary, null, "100");
    assertThat(page.get("results")).hasSize(4);
    assertThat(pageThrough(summary, "100")).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void a_cursor_that_this_job_never_handed_out_is_a_400_naming_cursor() {
    ObjectNode summary = parts("", 2, 1);
    for (String cursor :
        List.of("nope", "", ResultPages.encode(2, 0), ResultPages.encode(1, 1), "cjE6LTE6MA")) {
      assertThatThrownBy(() -> pages.page(job, summary, cursor, null))
          .as(cursor)
          .isInstanceOfSatisfying(
              Problem.class, p -> assertThat(p.toResponse().getBody()).contains("\"cursor\""));
    }
  }

  @Test
  void a_limit_out_of_range_is_a_400_naming_limit() {
    ObjectNode summary = parts("", 1);
    for (String limit : List.of("0", "501", "ten")) {
      assertThatThrownBy(() -> pages.page(job, summary, null, limit))
          .isInstanceOfSatisfying(
              Problem.class, p -> assertThat(p.toResponse().getBody()).contains("\"limit\""));
    }
  }
}
