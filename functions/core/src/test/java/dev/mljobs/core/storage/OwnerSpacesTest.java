package dev.mljobs.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerSpacesTest {

  private static final List<String> AREAS = List.of("uploads/", "inputs/", "models/");
  private final OwnerSpaces spaces =
      new OwnerSpaces(
          "mljobs-data",
          AREAS,
          OwnerSpaces.parseGrants("alice=s3://acme-data/team-a/; alice=s3://acme-data/shared/;"));

  @Test
  void an_owners_space_is_its_areas_of_the_data_bucket_and_its_grants() {
    assertThat(spaces.of("alice").uris())
        .containsExactly(
            "s3://mljobs-data/uploads/alice/",
            "s3://mljobs-data/inputs/alice/",
            "s3://mljobs-data/models/alice/",
            "s3://acme-data/team-a/",
            "s3://acme-data/shared/");
    assertThat(spaces.of("bob").uris()).hasSize(3);
  }

  @Test
  void an_owner_is_bounded_by_its_encoded_segment_not_its_characters() {
    // 85 x "\u00e9" encode to 510 bytes, 86 to 516: the bound is KeyLimits.OWNER_SEGMENT_BYTES
    assertThat(OwnerSpaces.fitsAKey("\u00e9".repeat(85))).isTrue();
    assertThat(spaces.of("\u00e9".repeat(85)).uris()).hasSize(3);
    assertThat(OwnerSpaces.fitsAKey("\u00e9".repeat(86))).isFalse();
    assertThat(OwnerSpaces.fitsAKey("/".repeat(171))).isFalse();
    assertThat(OwnerSpaces.fitsAKey("a".repeat(512))).isTrue();
    assertThat(OwnerSpaces.fitsAKey("")).isFalse();
    assertThatThrownBy(() -> spaces.of("\u00e9".repeat(170)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 512 bytes");
  }

  @Test
  void a_prefix_never_covers_a_longer_owner_nor_a_nested_one() {
    OwnerSpace a = spaces.of("a");
    assertThat(a.problem("s3://mljobs-data/uploads/a/x.png")).isEmpty();
    assertThat(a.problem("s3://mljobs-data/uploads/a/")).isEmpty();
    assertThat(a.problem("s3://mljobs-data/uploads/ab/x.png")).isPresent();
    assertThat(a.problem("s3://mljobs-data/uploads/a")).isPresent();
    assertThat(spaces.of("a/b").uris()).first().isEqualTo("s3://mljobs-data/uploads/a%2Fb/");
    assertThat(a.problem("s3://mljobs-data/uploads/a%2Fb/x")).isPresent();
    assertThat(spaces.of("a/b").problem("s3://mljobs-data/uploads/a/b/x")).isPresent();
  }

  @Test
  void results_other_buckets_and_keys_that_walk_out_are_outside() {
    OwnerSpace bob = spaces.of("bob");
    for (String uri :
        List.of(
            "s3://mljobs-data/results/",
            "s3://mljobs-data/results/1/items/part-00000.jsonl",
            "s3://mljobs-data/",
            "s3://mljobs-data",
            "s3://mljobs-data/uploads/bob/../alice/x",
            "s3://mljobs-data/uploads/bob/./x",
            "s3://mljobs-data/uploads/bob//x",
            "s3://mljobs-data/uploads/bob/a\nb",
            "s3://MLJOBS-DATA/uploads/bob/x",
            "s3://acme-data/team-a/x",
            "https://mljobs-data.s3.amazonaws.com/uploads/bob/x",
            "s3:/mljobs-data/uploads/bob/x")) {
      assertThat(bob.problem(uri)).as(uri).isPresent();
      assertThat(bob.problem(uri).orElseThrow()).as(uri).doesNotContain("alice");
    }
    assertThat(spaces.of("alice").problem("s3://acme-data/team-a/x/y.png")).isEmpty();
  }

  @Test
  void owner_segments_are_percent_encoded_one_to_one() {
    assertThat(OwnerSpaces.segment("alice.smith_1-2")).isEqualTo("alice.smith_1-2");
    assertThat(OwnerSpaces.segment("arn:aws:iam::1:user/x"))
        .isEqualTo("arn%3Aaws%3Aiam%3A%3A1%3Auser%2Fx");
    assertThat(OwnerSpaces.segment("..")).isEqualTo("%2E%2E");
    assertThat(OwnerSpaces.segment("a%2F")).isEqualTo("a%252F");
    assertThat(OwnerSpaces.segment("é")).isEqualTo("%C3%A9");
    for (String owner :
        List.of("alice", "arn:aws:iam::1:user/x", "..", "a%2F", "é", "a+b", "a b")) {
      assertThat(OwnerSpaces.ownerOf(OwnerSpaces.segment(owner))).contains(owner);
    }
    assertThat(OwnerSpaces.ownerOf("a%2f")).isEmpty();
    assertThat(OwnerSpaces.ownerOf("a+b")).isEmpty();
    assertThat(OwnerSpaces.ownerOf("")).isEmpty();
    assertThat(OwnerSpaces.ownerOf("%zz")).isEmpty();
  }

  @Test
  void malformed_grants_and_grants_of_the_data_bucket_are_refused() {
    assertThatThrownBy(() -> OwnerSpaces.parseGrants("alice"))
        .hasMessageContaining("owner=s3://bucket/prefix/");
    assertThatThrownBy(() -> OwnerSpaces.parseGrants("alice=s3://acme/x"))
        .hasMessageContaining("must end with /");
    assertThatThrownBy(() -> OwnerSpaces.parseGrants("alice=s3://acme/team a/"))
        .hasMessageContaining("must not contain spaces");
    assertThatThrownBy(() -> OwnerSpaces.parseGrants("alice=s3://acme/a/../"))
        .hasMessageContaining(". or ..");
    assertThatThrownBy(
            () ->
                new OwnerSpaces(
                    "mljobs-data",
                    AREAS,
                    OwnerSpaces.parseGrants("alice=s3://mljobs-data/results/")))
        .hasMessageContaining("names the data bucket");
  }

  @Test
  void no_space_holds_nothing() {
    assertThat(OwnerSpace.NONE.problem("s3://mljobs-data/uploads/x/y")).isPresent();
  }
}
