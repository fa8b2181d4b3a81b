package dev.mljobs.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.NewJob;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  private static JobTemplate embedTemplate() throws Exception {
    return JobTemplate.create(
        "nightly-embed",
        "Nightly embeddings",
        "inference",
        json(
            "{\"model_id\":\"minilm\",\"options\":{\"batch_size\":32,\"normalize\":true},\"tags\":[\"a\"]}"),
        null,
        "alice",
        T0);
  }

  @Test
  void a_new_template_is_active() throws Exception {
    assertThat(embedTemplate().status()).isEqualTo(TemplateStatus.ACTIVE);
  }

  @Test
  void overrides_merge_deeply_into_the_defaults() throws Exception {
    ObjectNode params =
        embedTemplate()
            .resolveParams(json("{\"options\":{\"batch_size\":8},\"tags\":[\"b\"],\"extra\":1}"));
    assertThat(params)
        .isEqualTo(
            json(
                "{\"model_id\":\"minilm\",\"options\":{\"batch_size\":8,\"normalize\":true},"
                    + "\"tags\":[\"b\"],\"extra\":1}"));
  }

  @Test
  void an_explicit_null_removes_a_default() throws Exception {
    ObjectNode params = embedTemplate().resolveParams(json("{\"options\":{\"normalize\":null}}"));
    assertThat(params.get("options")).isEqualTo(json("{\"batch_size\":32}"));
  }

  @Test
  void a_job_from_a_template_carries_its_type_and_id() throws Exception {
    NewJob request = embedTemplate().newJob(json("{\"options\":{\"batch_size\":1}}"), "alice");
    assertThat(request.jobType()).isEqualTo("inference");
    assertThat(request.templateId()).isEqualTo("nightly-embed");
    assertThat(request.params().at("/options/batch_size").asInt()).isEqualTo(1);
  }

  @Test
  void an_archived_template_creates_no_jobs() throws Exception {
    JobTemplate archived = embedTemplate().archive(T0.plusSeconds(60));
    assertThat(archived.status()).isEqualTo(TemplateStatus.ARCHIVED);
    assertThat(archived.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(archived.archive(T0.plusSeconds(120))).isEqualTo(archived);
    assertThatThrownBy(() -> archived.newJob(null, "alice"))
        .isInstanceOf(ArchivedTemplateException.class)
        .hasMessage("template nightly-embed is archived and cannot create jobs");
  }

  @Test
  void a_template_checks_its_fields() {
    assertThatThrownBy(() -> JobTemplate.create("t1", "n", "Not A Type", null, null, "a", T0))
        .hasMessageStartingWith("job_type must be");
    assertThatThrownBy(() -> JobTemplate.create("t 1", "n", "sleep", null, null, "a", T0))
        .hasMessageStartingWith("template_id must be");
    assertThatThrownBy(() -> JobTemplate.create("t1", "", "sleep", null, null, "a", T0))
        .hasMessage("name is required and must not be blank");
  }
}
