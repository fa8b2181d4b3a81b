package dev.mljobs.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"uploads/a/x\\y.png", "uploads/a\\..\\b/x", "uploads/a/..\\..\\bob\\x", "\\"})
  void a_key_with_a_backslash_is_refused(String key) {
    assertThat(S3Location.keyProblem(key)).isEqualTo("the key must not contain \\ (backslash)");
    assertThatThrownBy(() -> S3Location.parse("s3://mljobs-data/" + key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backslash");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uploads/a/x.png", "uploads/a/", "", "uploads/a/%5C.png"})
  void keys_without_one_are_accepted(String key) {
    assertThat(S3Location.keyProblem(key)).isNull();
  }

  @org.junit.jupiter.api.Test
  void an_owner_cannot_name_another_space_through_a_backslash() {
    OwnerSpace a = new OwnerSpaces("mljobs-data", List.of("uploads/"), java.util.Map.of()).of("a");
    assertThat(a.problem("s3://mljobs-data/uploads/a/..\\..\\uploads\\b\\x.png")).isPresent();
  }
}
