package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.model.BuiltInModels;
import dev.mljobs.core.model.DuplicateModelException;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelStore;
import dev.mljobs.core.model.TaskType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ModelStore} must do; run against the fake and against DynamoDB Local. */
public abstract class ModelStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  protected ModelStore store;

  /** A new, empty store. */
  protected abstract ModelStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  /** A vision model with every field set, as registration normalises it. */
  public static Model aModel(String owner, String modelId, List<String> labels) {
    ObjectNode preprocessing = JsonNodeFactory.instance.objectNode();
    preprocessing.put("width", 224).put("height", 224).put("colour", "rgb");
    preprocessing.put("resize", "letterbox").put("pad_value", 114).put("scale", 1.0 / 255);
    preprocessing.putArray("mean").add(0.485).add(0.456).add(0.406);
    preprocessing.putArray("std").add(0.229).add(0.224).add(0.225);
    return new Model(
        owner,
        modelId,
        TaskType.IMAGE_CLASSIFICATION,
        "s3://models/" + owner + "/" + modelId + ".onnx",
        labels,
        preprocessing,
        T0);
  }

  @Test
  void a_model_is_read_back_whole() {
    // given
    Model model = aModel("alice", "acme/shapes-v2", List.of("circle", "square", "triangle"));
    // when
    store.create(model);
    // then
    assertThat(store.find("alice", "acme/shapes-v2")).contains(model);
    assertThat(store.find("alice", "acme/shapes-v2").orElseThrow().json()).isEqualTo(model.json());
  }

  @Test
  void a_text_model_keeps_its_tokenizer_and_no_labels() {
    ObjectNode text =
        JsonNodeFactory.instance
            .objectNode()
            .put("tokenizer_uri", "s3://models/tok.json")
            .put("max_length", 512);
    Model model =
        new Model("alice", "minilm", TaskType.TXT2EMBED, "s3://models/m.onnx", List.of(), text, T0);
    store.create(model);
    assertThat(store.find("alice", "minilm")).contains(model);
  }

  @Test
  void registering_an_id_the_owner_already_has_is_refused_and_keeps_the_first() {
    // given
    Model first = aModel("alice", "shapes", List.of("a", "b"));
    store.create(first);
    // when / then
    assertThatThrownBy(() -> store.create(aModel("alice", "shapes", List.of("x", "y", "z"))))
        .isInstanceOf(DuplicateModelException.class)
        .hasMessageContaining("shapes");
    assertThat(store.find("alice", "shapes")).contains(first);
  }

  @Test
  void an_id_longer_than_a_key_can_be_is_simply_not_found() {
    store.create(aModel("alice", "acme/shapes", List.of("circle")));
    assertThat(store.find("alice", "m".repeat(KeyLimits.SORT_KEY_BYTES + 1))).isEmpty();
    assertThat(store.find("alice", "\u20ac".repeat(400))).isEmpty();
  }

  @Test
  void owners_do_not_see_each_others_models_and_may_use_the_same_id() {
    // given
    store.create(aModel("alice", "shapes", List.of("a")));
    store.create(aModel("bob", "shapes", List.of("b")));
    store.create(aModel("bob", "digits", List.of("0", "1")));
    // then
    assertThat(store.find("alice", "shapes").orElseThrow().labels()).containsExactly("a");
    assertThat(store.find("bob", "shapes").orElseThrow().labels()).containsExactly("b");
    assertThat(store.find("alice", "digits")).isEmpty();
    assertThat(store.list("alice")).extracting(Model::modelId).containsExactly("shapes");
    assertThat(store.list("bob")).extracting(Model::modelId).containsExactly("digits", "shapes");
    assertThat(store.list("carol")).isEmpty();
  }

  @Test
  void a_list_is_ordered_by_model_id() {
    for (String id : List.of("zeta", "acme/b", "acme/a", "beta")) {
      store.create(aModel("alice", id, List.of("x")));
    }
    assertThat(store.list("alice"))
        .extracting(Model::modelId)
        .containsExactly("acme/a", "acme/b", "beta", "zeta");
  }

  @Test
  void built_in_models_are_not_stored_and_missing_keys_are_refused() {
    assertThatThrownBy(() -> store.create(BuiltInModels.ALL_MINILM_L6_V2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.find(null, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
