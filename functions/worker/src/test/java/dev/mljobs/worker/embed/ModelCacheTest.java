package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.worker.Device;
import dev.mljobs.worker.JobFailedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

  @Test
  void by_default_each_processor_runs_its_own_batches_on_one_thread() {
    assertThat(EncoderSettings.fromEnvironment(Map.of(), 4))
        .isEqualTo(new EncoderSettings(1, 4, Device.CPU));
  }

  @Test
  void threads_runs_and_device_come_from_the_environment() {
    assertThat(
            EncoderSettings.fromEnvironment(
                Map.of("ORT_INTRA_OP_THREADS", "2", "DEVICE", "CUDA"), 4))
        .isEqualTo(new EncoderSettings(2, 2, Device.CUDA));
    assertThat(
            EncoderSettings.fromEnvironment(
                Map.of("ORT_INTRA_OP_THREADS", "2", "ORT_PARALLEL_RUNS", "3"), 2))
        .isEqualTo(new EncoderSettings(2, 3, Device.CPU));
  }

  @Test
  void bad_settings_are_refused_with_their_value() {
    assertThatThrownBy(
            () -> EncoderSettings.fromEnvironment(Map.of("ORT_INTRA_OP_THREADS", "0"), 2))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("ORT_INTRA_OP_THREADS must be a positive integer, not '0'");
    assertThatThrownBy(() -> EncoderSettings.fromEnvironment(Map.of("ORT_PARALLEL_RUNS", "x"), 2))
        .hasMessage("ORT_PARALLEL_RUNS must be a positive integer, not 'x'");
    assertThatThrownBy(() -> EncoderSettings.fromEnvironment(Map.of("DEVICE", "tpu"), 2))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("DEVICE must be cpu or cuda, not 'tpu'");
  }

  @Test
  void the_encoder_of_a_model_is_loaded_once_per_process() {
    assertThat(ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2, null))
        .isSameAs(ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2, Device.CPU));
  }

  @Test
  void preloading_an_unknown_model_fails_with_its_name() {
    assertThatThrownBy(() -> ModelCache.preload(Map.of("PRELOAD_MODELS", "all-MiniLM-L6-v2,nope")))
        .hasMessage("PRELOAD_MODELS names 'nope', not a known model");
  }
}
