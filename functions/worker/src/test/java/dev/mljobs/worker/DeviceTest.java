package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTest {

  @Test
  void cpu_and_cuda_in_any_case_and_the_cpu_when_unset() {
    assertThat(Device.parse("cuda", "DEVICE")).isEqualTo(Device.CUDA);
    assertThat(Device.parse(" CUDA ", "DEVICE")).isEqualTo(Device.CUDA);
    assertThat(Device.parse("cpu", "DEVICE")).isEqualTo(Device.CPU);
    assertThat(Device.parse(null, "DEVICE")).isEqualTo(Device.CPU);
    assertThat(Device.fromEnvironment(Map.of())).isEqualTo(Device.CPU);
  }

  @Test
  void another_device_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> Device.parse("gpu", "params.device"))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("params.device must be cpu or cuda, not 'gpu'");
  }

  @Test
  void the_cli_of_the_cpu_build_runs_a_cuda_job_on_the_cpu() {
    // given: DEVICE=cuda for the CLI, and the job asks for cuda too (the encoder reads the
    // process's own environment, which a test cannot set)
    Map<String, String> env =
        Map.of(
            "JOB_ID", "6f1c1d43-8f0e-4c39-9d0b-3f6f2b2a1c56",
            "JOB_TYPE", "inference",
            "DEVICE", "cuda",
            "JOB_PARAMS",
                "{\"task_type\":\"txt2embed\",\"model_id\":\"all-MiniLM-L6-v2\",\"device\":\"cuda\","
                    + "\"input_data\":{\"text\":\"The weather is lovely today.\"}}");
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      // when
      exit = WorkerCli.run(env);
    } finally {
      System.setOut(original);
    }

    // then
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"dimensions\":384");
  }
}
