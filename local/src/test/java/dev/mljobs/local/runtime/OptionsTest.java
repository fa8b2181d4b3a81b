package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaults_are_port_8080_and_the_mljobs_data_dir_with_a_generated_key() {
    Options o = Options.parse(new String[0], Map.of());
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.dataDir()).isEqualTo(Path.of(".mljobs"));
    assertThat(o.inMemory()).isFalse();
    assertThat(o.apiKeyGenerated()).isTrue();
    assertThat(o.apiKey()).startsWith("mlj_").hasSize(52);
    assertThat(Options.parse(new String[0], Map.of()).apiKey()).isNotEqualTo(o.apiKey());
  }

  @Test
  void flags_and_environment_are_honoured() {
    Options o =
        Options.parse(
            new String[] {"--port", "9090", "--data-dir", "/var/mljobs"},
            Map.of("MLJOBS_API_KEY", "0123456789abcdef-key", "MLJOBS_DATA_DIR", "/ignored"));
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.dataDir()).isEqualTo(Path.of("/var/mljobs"));
    assertThat(o.apiKey()).isEqualTo("0123456789abcdef-key");
    assertThat(o.apiKeyGenerated()).isFalse();
    assertThat(Options.parse(new String[0], Map.of("MLJOBS_DATA_DIR", "/data")).dataDir())
        .isEqualTo(Path.of("/data"));
    Options memory = Options.parse(new String[] {"--in-memory"}, Map.of());
    assertThat(memory.inMemory()).isTrue();
    assertThat(memory.dataDir()).isNull();
  }

  @Test
  void wrong_options_are_explained() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessage("--port must be a number, got 'http'");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessage("--port must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port"}, Map.of()))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessage("unknown option '--verbose'");
    assertThatThrownBy(
            () -> Options.parse(new String[] {"--in-memory", "--data-dir", "x"}, Map.of()))
        .hasMessage("--data-dir and --in-memory exclude each other");
    assertThatThrownBy(() -> Options.parse(new String[0], Map.of("MLJOBS_API_KEY", "short")))
        .hasMessage("MLJOBS_API_KEY must be at least 16 characters");
  }

  @Test
  void owner_grants_and_the_upload_limit_reach_the_handlers_and_wrong_ones_stop_the_start() {
    Options o =
        Options.parse(
            new String[0],
            Map.of(
                "MLJOBS_OWNER_PREFIXES", "alice=s3://acme-data/team-a/",
                "MLJOBS_MAX_UPLOAD_BYTES", "1000"));
    assertThat(o.handlerSettings())
        .containsEntry("MLJOBS_OWNER_PREFIXES", "alice=s3://acme-data/team-a/")
        .containsEntry("MLJOBS_MAX_UPLOAD_BYTES", "1000");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[0], Map.of("MLJOBS_OWNER_PREFIXES", "alice=s3://acme-data/x")))
        .hasMessageStartingWith("MLJOBS_OWNER_PREFIXES: ")
        .hasMessageContaining("must end with /");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[0],
                    Map.of("MLJOBS_OWNER_PREFIXES", "alice=s3://mljobs-data/results/")))
        .hasMessageContaining("names the data bucket");
    assertThatThrownBy(
            () -> Options.parse(new String[0], Map.of("MLJOBS_MAX_UPLOAD_BYTES", "50MB")))
        .hasMessage("MLJOBS_MAX_UPLOAD_BYTES must be a positive number of bytes, got '50MB'");
  }

  @Test
  void webhook_settings_are_passed_to_the_handlers_and_nothing_else_is() {
    Options o =
        Options.parse(
            new String[] {"--in-memory"},
            Map.of(
                "MLJOBS_CALLBACK_ALLOW", "127.0.0.1,10.0.0.0/8",
                "MLJOBS_WEBHOOK_RETRY_BASE_SECONDS", "1",
                "HOME", "/root"));
    assertThat(o.handlerSettings())
        .isEqualTo(
            Map.of(
                "MLJOBS_CALLBACK_ALLOW", "127.0.0.1,10.0.0.0/8",
                "MLJOBS_WEBHOOK_RETRY_BASE_SECONDS", "1"));
    assertThat(Options.forTests().handlerSettings()).isEmpty();
    assertThatThrownBy(() -> Options.forTests().withSetting("AWS_REGION", "x"))
        .hasMessage("not a handler setting: AWS_REGION");
  }
}
