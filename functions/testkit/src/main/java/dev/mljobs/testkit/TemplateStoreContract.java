package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.template.ConcurrentTemplateModificationException;
import dev.mljobs.core.template.DuplicateTemplateException;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplatePage;
import dev.mljobs.core.template.TemplateQuery;
import dev.mljobs.core.template.TemplateStatus;
import dev.mljobs.core.template.TemplateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TemplateStore} must do; run against the fake and against DynamoDB Local. */
public abstract class TemplateStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  protected TemplateStore store;

  /** A new, empty store. */
  protected abstract TemplateStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  /** A template with every field set, created {@code minutes} after T0. */
  public static JobTemplate aTemplate(String owner, String templateId, int minutes) {
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("seconds", 1);
    params.putObject("options").put("normalize", true).putArray("tags").add("a");
    return JobTemplate.create(
        templateId,
        "Template " + templateId,
        "sleep",
        params,
        "a description",
        new JobDefaults(7, 2, 600, 48),
        owner,
        T0.plusSeconds(60L * minutes));
  }

  @Test
  void a_template_is_read_back_whole_at_version_1() {
    // given
    JobTemplate template = aTemplate("alice", "t-1", 0);
    // when
    JobTemplate stored = store.create(template);
    // then
    assertThat(stored).isEqualTo(template.withVersion(1));
    assertThat(store.find("alice", "t-1")).contains(stored);
  }

  @Test
  void a_template_without_optional_fields_is_read_back_whole() {
    JobTemplate bare = JobTemplate.create("t-2", "bare", "sleep", null, null, "alice", T0);
    store.create(bare);
    assertThat(store.find("alice", "t-2")).contains(bare.withVersion(1));
  }

  @Test
  void an_id_the_owner_already_has_is_refused_and_the_first_stays() {
    JobTemplate first = store.create(aTemplate("alice", "t-1", 0));
    assertThatThrownBy(() -> store.create(aTemplate("alice", "t-1", 5)))
        .isInstanceOf(DuplicateTemplateException.class)
        .hasMessageContaining("t-1");
    assertThat(store.find("alice", "t-1")).contains(first);
    assertThatThrownBy(() -> store.create(first)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void owners_do_not_see_each_others_templates() {
    // given
    store.create(aTemplate("alice", "t-1", 0));
    store.create(aTemplate("bob", "t-2", 1));
    // then
    assertThat(store.find("bob", "t-1")).isEmpty();
    assertThat(store.find("alice", "t-2")).isEmpty();
    assertThat(store.list(TemplateQuery.byOwner("alice")).templates())
        .extracting(JobTemplate::templateId)
        .containsExactly("t-1");
    assertThatThrownBy(() -> store.update(aTemplate("bob", "t-1", 0).withVersion(1)))
        .isInstanceOf(TemplateNotFoundException.class);
    assertThat(store.find("alice", "t-1").orElseThrow().owner()).isEqualTo("alice");
  }

  @Test
  void an_update_needs_the_version_it_read() {
    // given
    JobTemplate v1 = store.create(aTemplate("alice", "t-1", 0));
    ObjectNode params = JsonNodeFactory.instance.objectNode().put("seconds", 9);
    // when
    JobTemplate v2 = store.update(v1.edit("renamed", null, params, JobDefaults.NONE, T0));
    // then
    assertThat(v2.version()).isEqualTo(2);
    assertThat(store.find("alice", "t-1")).contains(v2);
    assertThat(v2.name()).isEqualTo("renamed");
    assertThat(v2.defaults()).isEqualTo(JobDefaults.NONE);
    assertThatThrownBy(() -> store.update(v1.archive(T0)))
        .isInstanceOf(ConcurrentTemplateModificationException.class)
        .hasMessageContaining("version 1");
    assertThat(store.find("alice", "t-1")).contains(v2);
    assertThatThrownBy(() -> store.update(aTemplate("alice", "t-9", 0)))
        .isInstanceOf(TemplateNotFoundException.class);
  }

  @Test
  void a_listing_is_newest_first_in_pages_and_filters_by_status() {
    // given: five templates, the second and fourth archived
    for (int i = 1; i <= 5; i++) {
      JobTemplate stored = store.create(aTemplate("alice", "t-" + i, i));
      if (i % 2 == 0) {
        store.update(stored.archive(T0.plusSeconds(3600)));
      }
    }
    store.create(aTemplate("bob", "t-9", 9));
    // when
    List<String> seen = new ArrayList<>();
    TemplateQuery query = TemplateQuery.byOwner("alice").withLimit(2);
    TemplatePage page;
    do {
      page = store.list(query);
      assertThat(page.templates()).hasSizeLessThanOrEqualTo(2);
      page.templates().forEach(t -> seen.add(t.templateId()));
      query = query.after(page.next());
    } while (page.next() != null);
    // then
    assertThat(seen).containsExactly("t-5", "t-4", "t-3", "t-2", "t-1");
    assertThat(
            store
                .list(TemplateQuery.byOwner("alice").withStatus(TemplateStatus.ARCHIVED))
                .templates())
        .extracting(JobTemplate::templateId)
        .containsExactly("t-4", "t-2");
    assertThat(
            store
                .list(TemplateQuery.byOwner("alice").withStatus(TemplateStatus.ACTIVE).withLimit(1))
                .templates())
        .extracting(JobTemplate::templateId)
        .containsExactly("t-5");
  }

  @Test
  void a_filtered_listing_pages_past_items_that_do_not_match() {
    for (int i = 1; i <= 6; i++) {
      JobTemplate stored = store.create(aTemplate("alice", "t-" + i, i));
      if (i != 1 && i != 6) {
        store.update(stored.archive(T0.plusSeconds(3600)));
      }
    }
    TemplateQuery active = TemplateQuery.byOwner("alice").withStatus(TemplateStatus.ACTIVE);
    TemplatePage first = store.list(active.withLimit(1));
    assertThat(first.templates()).extracting(JobTemplate::templateId).containsExactly("t-6");
    TemplatePage second = store.list(active.withLimit(1).after(first.next()));
    assertThat(second.templates()).extracting(JobTemplate::templateId).containsExactly("t-1");
  }

  @Test
  void missing_keys_are_refused() {
    assertThatThrownBy(() -> store.find(null, "t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.find("alice", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
