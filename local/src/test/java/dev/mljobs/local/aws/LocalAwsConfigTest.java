package dev.mljobs.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalAwsConfigTest {

  @Test
  void in_memory_keeps_nothing_and_takes_free_ports() {
    assertThat(LocalAwsConfig.inMemory()).isEqualTo(new LocalAwsConfig(null, 0, 0, 0));
    assertThat(LocalAwsConfig.inMemory().persistent()).isFalse();
  }

  @Test
  void a_data_dir_is_made_absolute() {
    LocalAwsConfig config =
        LocalAwsConfig.persistentIn(Path.of("data/../data")).withPorts(8000, 9324, 9000);

    assertThat(config.persistent()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.sqsPort()).isEqualTo(9324);
  }

  @Test
  void ports_outside_the_tcp_range_are_refused() {
    assertThatThrownBy(() -> LocalAwsConfig.inMemory().withPorts(0, 70000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0 to 65535, got 70000");
  }
}
