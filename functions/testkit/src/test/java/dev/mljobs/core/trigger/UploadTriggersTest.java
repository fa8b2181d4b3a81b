package dev.mljobs.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.JobChecks;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.TemplateDraft;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.InMemoryTemplateStore;
import dev.mljobs.testkit.InMemoryTriggerStore;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.RecordingWorkflows;
import dev.mljobs.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an uploaded object makes: one job per trigger and object version (a redelivery or a retried
 * handler finds the same job), a new job for an overwritten key, nothing outside the trigger or
 * while it is disabled; and what a trigger may watch.
 */
class UploadTriggersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = "mljobs-data";
  private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final InMemoryJobStore jobStore = new InMemoryJobStore(clock);
  private final InMemoryTriggerStore store = new InMemoryTriggerStore();
  private TemplateService templates;
  private TriggerService triggers;
  private UploadTriggers uploads;
  private String templateId;

  private final BlobStore blobs =
      new BlobStore() {
        @Override
        public String put(String key, byte[] bytes, String contentType) {
          objects.put(uriOf(key), bytes);
          return uriOf(key);
        }

        @Override
        public String uriOf(String key) {
          return "s3://" + DATA + "/" + key;
        }

        @Override
        public byte[] get(String uri) {
          return objects.get(uri);
        }
      };

  @BeforeEach
  void setUp() throws Exception {
    OwnerSpaces spaces = new OwnerSpaces(DATA, List.of("uploads/"), Map.of());
    templates =
        new TemplateService(
            new InMemoryTemplateStore(),
            new JobChecks(new ModelCatalog(new InMemoryModelStore(), null), spaces),
            clock,
            () -> "tpl-" + ids.incrementAndGet());
    JobService jobs =
        new JobService(
            jobStore,
            new InMemoryJobRunStore(),
            new RecordingJobQueue(),
            new RecordingWorkflows(),
            j -> {},
            clock,
            UUID::randomUUID,
            DispatchLimits.unlimited());
    triggers =
        new TriggerService(store, templates, DATA, "uploads/", clock, () -> "tr-" + ids.get());
    uploads = new UploadTriggers(store, templates, jobs, blobs, DATA, "uploads/", clock);
    ObjectNode params =
        (ObjectNode)
            JSON.readTree(
                "{\"task_type\":\"txt2embed\",\"model_id\":\""
                    + MINILM
                    + "\",\"input_data\":{\"texts\":[\"placeholder\"]}}");
    templateId =
        templates
            .create(
                "alice", new TemplateDraft("embed", "inference", params, null, JobDefaults.NONE))
            .templateId();
  }

  private ObjectVersion put(String key, String text, String sequencer) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    blobs.put(key, bytes, "text/plain");
    return new ObjectVersion(DATA, key, bytes.length, "etag-" + text.hashCode(), null, sequencer);
  }

  private List<Job> jobsOf(String owner) {
    return jobStore.list(JobQuery.byOwner(owner)).jobs();
  }

  @Test
  void one_job_per_object_version_however_often_it_is_notified() {
    Trigger trigger =
        triggers.create(
            "alice", new TriggerDraft("t", templateId, "notes/", List.of(".txt"), true));
    ObjectVersion first = put("uploads/alice/notes/a.txt", "a cat", "01");
    // when: delivered three times, then overwritten with the same content
    int made = uploads.objectCreated(first) + uploads.objectCreated(first);
    uploads.objectCreated(first);
    int overwritten = uploads.objectCreated(put("uploads/alice/notes/a.txt", "a cat", "02"));
    // then
    assertThat(made).isEqualTo(1);
    assertThat(overwritten).isEqualTo(1);
    assertThat(jobsOf("alice")).hasSize(2);
    Job job = jobsOf("alice").get(0);
    assertThat(job.params().at("/input_data/texts/0").asText()).isEqualTo("a cat");
    assertThat(job.templateId()).isEqualTo(templateId);
    assertThat(store.find("alice", trigger.triggerId()).orElseThrow().counts())
        .isEqualTo(new TriggerCounts(2, 2));
    assertThat(triggers.uploadPrefix(trigger)).isEqualTo("s3://mljobs-data/uploads/alice/notes/");
  }

  @Test
  void objects_outside_the_trigger_another_bucket_or_while_disabled_make_nothing() {
    Trigger trigger =
        triggers.create(
            "alice", new TriggerDraft("t", templateId, "notes/", List.of(".txt"), true));
    uploads.objectCreated(put("uploads/alice/other/a.txt", "x", "01"));
    uploads.objectCreated(put("uploads/alice/notes/a.md", "x", "02"));
    uploads.objectCreated(put("uploads/bob/notes/a.txt", "x", "03"));
    uploads.objectCreated(put("inputs/alice/notes/a.txt", "x", "04"));
    uploads.objectCreated(
        new ObjectVersion("other-bucket", "uploads/alice/notes/a.txt", 1, "e", null, "05"));
    triggers.edit(
        "alice",
        trigger.triggerId(),
        d -> new TriggerDraft(d.name(), d.templateId(), d.prefix(), d.suffixes(), false));
    ObjectVersion whileDisabled = put("uploads/alice/notes/b.txt", "y", "06");
    uploads.objectCreated(whileDisabled);
    assertThat(jobsOf("alice")).isEmpty();
    assertThat(jobsOf("bob")).isEmpty();
  }

  @Test
  void a_prefix_that_leaves_the_area_or_another_owners_template_is_refused() {
    for (String prefix : List.of("../bob/", "/abs/", "a//b/", "s3://mljobs-data/uploads/bob/")) {
      assertThatThrownBy(
              () ->
                  triggers.create(
                      "alice", new TriggerDraft("t", templateId, prefix, List.of(), true)))
          .as(prefix)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.errors().get(0).field()).isEqualTo("prefix"));
    }
    assertThatThrownBy(
            () -> triggers.create("bob", new TriggerDraft("t", templateId, "", List.of(), true)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("template_id"));
  }
}
