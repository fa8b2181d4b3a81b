package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.BlobStore;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do; run against the fake and against the local S3 server. */
public abstract class BlobStoreContract {

  protected BlobStore store;

  /** A store to write into; keys are unique per test, so it need not be empty. */
  protected abstract BlobStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  private static String key() {
    return "results/" + UUID.randomUUID() + "/result.json";
  }

  @Test
  void an_object_is_read_back_by_the_uri_put_returns() {
    String key = key();
    byte[] json = "{\"answer\":42}".getBytes(StandardCharsets.UTF_8);
    String uri = store.put(key, json, "application/json");
    assertThat(uri).isEqualTo(store.uriOf(key));
    assertThat(store.get(uri)).isEqualTo(json);
  }

  @Test
  void a_second_put_replaces_the_object() {
    String key = key();
    store.put(key, "one".getBytes(StandardCharsets.UTF_8), "text/plain");
    String uri = store.put(key, "two".getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(new String(store.get(uri), StandardCharsets.UTF_8)).isEqualTo("two");
  }

  @Test
  void a_missing_object_or_a_foreign_uri_is_refused() {
    // gone is not "did not answer": a missing result is a real failure, never retried
    assertThatThrownBy(() -> store.get(store.uriOf(key())))
        .isInstanceOf(RuntimeException.class)
        .isNotInstanceOf(dev.mljobs.core.StorageUnavailableException.class);
    assertThatThrownBy(() -> store.get("https://example.com/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
