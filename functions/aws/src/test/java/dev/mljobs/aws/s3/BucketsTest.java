package dev.mljobs.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketsTest {

  @Test
  void default_physical_names_are_mljobs_data_and_mljobs_artifacts() {
    BucketNames names = BucketNames.fromEnv(Map.of());

    assertThat(names.of(Buckets.DATA)).isEqualTo("mljobs-data");
    assertThat(names.of(Buckets.ARTIFACTS)).isEqualTo("mljobs-artifacts");
  }

  @Test
  void the_environment_names_the_buckets_the_stack_created() {
    BucketNames names =
        BucketNames.fromEnv(Map.of("DATA_BUCKET", "acme-ml-data", "BUCKET_PREFIX", "dev-"));

    assertThat(names).isEqualTo(new BucketNames("acme-ml-data", "dev-artifacts"));
  }

  @Test
  void the_data_bucket_holds_inputs_results_and_models() {
    assertThat(Buckets.DATA.prefixes())
        .containsExactly("uploads/", "inputs/", "results/", "models/");
  }

  @Test
  void names_and_prefixes_that_s3_would_refuse_are_refused() {
    assertThatThrownBy(() -> new BucketSpec("Data", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket name");
    assertThatThrownBy(() -> new BucketSpec("data", List.of("inputs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key prefix");
  }
}
