package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.core.webhook.OwnerSecrets;
import dev.mljobs.core.webhook.WebhookSecret;
import dev.mljobs.core.webhook.WebhookSecretStore;
import dev.mljobs.core.webhook.WebhookSecrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookSecretStore} must do, run against the in-memory fake and DynamoDB Local;
 * with the {@link WebhookSecrets} use case on top, as the API uses it.
 */
public abstract class WebhookSecretStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private SettableClock clock;
  private WebhookSecretStore store;
  private WebhookSecrets secrets;

  /** A new, empty store. */
  protected abstract WebhookSecretStore newStore();

  @BeforeEach
  void fresh() {
    clock = new SettableClock(T0);
    store = newStore();
    secrets = new WebhookSecrets(store, clock, new SecureRandom());
  }

  @Test
  void an_owner_without_a_secret_has_none_until_it_is_first_asked_for() {
    assertThat(store.find("alice")).isEmpty();
    OwnerSecrets first = secrets.current("alice");
    assertThat(first.current().value()).startsWith("whsec_");
    assertThat(first.current().key()).hasSize(32);
    assertThat(first.previous()).isNull();
    assertThat(store.find("alice")).contains(first);
    assertThat(secrets.current("alice")).isEqualTo(first);
  }

  @Test
  void a_second_creation_keeps_the_first_secret() {
    OwnerSecrets first = store.createIfAbsent(secretsOf("alice", null));
    OwnerSecrets second = store.createIfAbsent(secretsOf("alice", null));
    assertThat(second).isEqualTo(first);
    assertThat(store.find("alice")).contains(first);
  }

  @Test
  void owners_have_separate_secrets() {
    assertThat(secrets.current("alice").current()).isNotEqualTo(secrets.current("bob").current());
  }

  @Test
  void a_rotation_replaces_the_secret_and_the_old_one_signs_for_a_day() {
    // given
    WebhookSecret old = secrets.current("alice").current();
    clock.advance(Duration.ofMinutes(5));
    // when
    OwnerSecrets rotated = secrets.rotate("alice");
    // then
    assertThat(rotated.current()).isNotEqualTo(old);
    assertThat(rotated.previous()).isEqualTo(old);
    assertThat(store.find("alice")).contains(rotated);
    assertThat(secrets.signing("alice")).containsExactly(rotated.current(), old);
    clock.advance(OwnerSecrets.OVERLAP);
    assertThat(secrets.signing("alice")).containsExactly(rotated.current());
  }

  @Test
  void a_replacement_based_on_a_stale_secret_is_refused() {
    OwnerSecrets stored = store.createIfAbsent(secretsOf("alice", null));
    OwnerSecrets winner = secretsOf("alice", stored.current());
    assertThat(store.replace(winner, stored.current())).isTrue();
    assertThat(store.replace(secretsOf("alice", stored.current()), stored.current())).isFalse();
    assertThat(store.find("alice")).contains(winner);
    assertThat(store.find("alice").orElseThrow().signingAt(T0))
        .isEqualTo(List.of(winner.current(), stored.current()));
  }

  private OwnerSecrets secretsOf(String owner, WebhookSecret previous) {
    return new OwnerSecrets(owner, WebhookSecret.generate(new SecureRandom()), previous, T0);
  }
}
