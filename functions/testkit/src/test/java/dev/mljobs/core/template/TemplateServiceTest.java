package dev.mljobs.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.InMemoryTemplateStore;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final AtomicInteger ids = new AtomicInteger();
  private final JobChecks checks =
      new JobChecks(
          new ModelCatalog(new InMemoryModelStore(), null),
          new OwnerSpaces("mljobs-data", List.of("inputs/", "results/"), Map.of()));
  private final TemplateService service =
      new TemplateService(
          new InMemoryTemplateStore(), checks, clock, () -> "tpl-" + ids.incrementAndGet());

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  private JobTemplate sleepTemplate() throws Exception {
    return service.create(
        "alice",
        new TemplateDraft(
            "nap",
            "sleep",
            json("{\"seconds\":5,\"opts\":{\"a\":1,\"b\":2},\"tags\":[\"x\"]}"),
            null,
            new JobDefaults(8, null, 120, null)));
  }

  @Test
  void a_job_takes_the_merged_params_and_the_templates_defaults_where_it_leaves_them_out()
      throws Exception {
    // given
    JobTemplate template = sleepTemplate();
    // when
    NewJob job =
        service.resolve(
            "alice",
            template.templateId(),
            json("{\"opts\":{\"b\":3},\"tags\":[\"y\",\"z\"]}"),
            new JobDefaults(null, 4, null, null));
    // then
    assertThat(job.params())
        .isEqualTo(json("{\"seconds\":5,\"opts\":{\"a\":1,\"b\":3},\"tags\":[\"y\",\"z\"]}"));
    assertThat(job.jobType()).isEqualTo("sleep");
    assertThat(job.templateId()).isEqualTo(template.templateId());
    assertThat(job.priority()).isEqualTo(8);
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(job.timeoutSeconds()).isEqualTo(120);
    assertThat(job.ttlHours()).isEqualTo(Job.DEFAULT_TTL_HOURS);
    assertThat(job.owner()).isEqualTo("alice");
  }

  @Test
  void a_template_is_refused_with_the_fields_and_reasons_a_job_would_be() throws Exception {
    // given: the job these defaults would make, checked as a submitted job is
    ObjectNode params = json("{\"seconds\":99999}");
    List<FieldError> asJob = checks.problems(NewJob.of("sleep", params, "alice"));
    assertThat(asJob).isNotEmpty();
    // when / then
    assertThatThrownBy(
            () ->
                service.create(
                    "alice", new TemplateDraft("n", "sleep", params, null, JobDefaults.NONE)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.errors()).isEqualTo(asJob));
    ObjectNode outside = json("{\"model_id\":\"m\",\"task_type\":\"image_classification\"}");
    outside.putObject("input_data").putArray("image_uris").add("s3://mljobs-data/inputs/bob/a.png");
    assertThatThrownBy(
            () ->
                service.create(
                    "alice", new TemplateDraft("n", "inference", outside, null, JobDefaults.NONE)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .isEqualTo(checks.problems(NewJob.of("inference", outside, "alice")))
                    .extracting(FieldError::field)
                    .containsExactly("params.input_data.image_uris[0]"));
  }

  @Test
  void an_edit_needs_the_current_version_and_never_touches_an_archived_template() throws Exception {
    // given
    JobTemplate v1 = sleepTemplate();
    clock.advance(Duration.ofMinutes(1));
    // when
    JobTemplate v2 =
        service.edit(
            "alice",
            v1.templateId(),
            v1.version(),
            d -> new TemplateDraft("renamed", d.jobType(), d.defaultParams(), "d", d.defaults()));
    // then
    assertThat(v2.version()).isEqualTo(v1.version() + 1);
    assertThat(v2.name()).isEqualTo("renamed");
    assertThat(v2.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThatThrownBy(() -> service.edit("alice", v1.templateId(), v1.version(), d -> d))
        .isInstanceOf(ConcurrentTemplateModificationException.class);
    assertThatThrownBy(() -> service.edit("bob", v1.templateId(), null, d -> d))
        .isInstanceOf(TemplateNotFoundException.class);
    JobTemplate archived = service.archive("alice", v1.templateId());
    assertThat(service.archive("alice", v1.templateId())).isEqualTo(archived);
    assertThatThrownBy(() -> service.edit("alice", v1.templateId(), null, d -> d))
        .isInstanceOf(ArchivedTemplateException.class);
    assertThatThrownBy(() -> service.resolve("alice", v1.templateId(), null, null))
        .isInstanceOf(ArchivedTemplateException.class)
        .hasMessageContaining(v1.templateId());
  }

  @Test
  void another_owners_template_does_not_exist() throws Exception {
    JobTemplate template = sleepTemplate();
    assertThat(service.find("bob", template.templateId())).isEmpty();
    assertThatThrownBy(() -> service.resolve("bob", template.templateId(), null, null))
        .isInstanceOf(TemplateNotFoundException.class);
    assertThatThrownBy(() -> service.archive("bob", template.templateId()))
        .isInstanceOf(TemplateNotFoundException.class);
    assertThat(service.find("alice", template.templateId())).contains(template);
  }

  @Test
  void resolved_overrides_are_checked_as_a_job() throws Exception {
    JobTemplate template = sleepTemplate();
    assertThatThrownBy(
            () ->
                service.resolve(
                    "alice", template.templateId(), json("{\"seconds\":-1}"), JobDefaults.NONE))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("params.seconds"));
  }
}
