package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README.md as a new user would: {@code scripts/run-local} as the quick start says (its own
 * process, in a folder that links to the repository's files but has a data directory of its own),
 * then every {@code ```bash} block of the README in order, in one shell, as written. The only
 * change is the port ({@code 127.0.0.1:8080} becomes the free port the test chose). {@code curl}
 * fails on any HTTP error, so an example that answers 4xx or 5xx fails the test; blocks that must
 * not run (the set-up commands) are fenced as {@code ```sh}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeExamplesIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BASH_BLOCK =
      Pattern.compile("^```bash\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

  @TempDir static Path home;
  private static Process runtime;
  private static Thread reader;
  private static int port;
  private static final StringBuffer runtimeOutput = new StringBuffer();

  @BeforeAll
  static void startRuntimeAsTheQuickStartSays() throws Exception {
    for (String tool : List.of("curl", "jq")) {
      assertThat(run(List.of("bash", "-c", "command -v " + tool), home).exitCode)
          .as("the README's examples need %s (README: requirements)", tool)
          .isZero();
    }
    // the repository's folder as the user has it, with a data directory of the test's own
    try (var entries = Files.list(ROOT)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals(".mljobs")) {
          Files.createSymbolicLink(home.resolve(entry.getFileName()), entry);
        }
      }
    }
    port = Ports.free();
    ProcessBuilder start =
        new ProcessBuilder(
                home.resolve("scripts/run-local").toString(),
                "--port",
                Integer.toString(port),
                "--data-dir",
                home.resolve(".mljobs").toString())
            .directory(home.toFile())
            .redirectErrorStream(true);
    start.environment().remove("MLJOBS_API_KEY");
    start.environment().put("MLJOBS_API_KEYS", "alice=alice-key-0123456789,bob=bob-key-0123456789");
    runtime = start.start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  runtimeOutput.append(line).append('\n');
                  if (line.startsWith("Ctrl-C stops it.")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException closed) {
                // the runtime stopped
              }
              ready.complete(null);
            },
            "run-local-output");
    reader.setDaemon(true);
    reader.start();
    ready.get(5, TimeUnit.MINUTES);
    assertThat(runtime.isAlive()).as("run-local is running:\n%s", runtimeOutput).isTrue();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (runtime != null && runtime.isAlive()) {
      runtime.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void the_banner_names_the_key_file_and_the_owners_and_prints_nothing_else() {
    String banner = runtimeOutput.toString();
    assertThat(banner)
        .contains("kept in " + home.resolve(".mljobs/api-key"))
        .contains("owners     local (this key); alice, bob (MLJOBS_API_KEYS)")
        .contains("JOB_ID=$(curl")
        .contains("curl -s $URL/v1/jobs/$JOB_ID");
    assertThat(banner.substring(0, banner.indexOf("mljobs local runtime ready")))
        .as("nothing before the banner but the build notice")
        .matches("(run-local: building[^\n]*\n)?");
  }

  @Test
  @Order(1)
  void the_runtime_class_path_holds_no_test_library() throws IOException {
    List<String> jars =
        List.of(Files.readString(ROOT.resolve("local/target/classpath.txt")).strip().split(":"))
            .stream()
            .map(jar -> Path.of(jar).getFileName().toString())
            .toList();
    assertThat(jars).anyMatch(jar -> jar.startsWith("mljobs-worker"));
    assertThat(jars)
        .noneMatch(jar -> jar.startsWith("junit-"))
        .noneMatch(jar -> jar.startsWith("assertj-"))
        .noneMatch(jar -> jar.startsWith("opentest4j-"))
        .noneMatch(jar -> jar.startsWith("mljobs-testkit"));
  }

  @Test
  @Order(2)
  void every_bash_block_of_the_readme_runs_as_written() throws Exception {
    List<String> blocks = bashBlocks(Files.readString(ROOT.resolve("README.md")));
    assertThat(blocks).as("README's ```bash blocks").hasSizeGreaterThan(3);
    StringBuilder script = new StringBuilder();
    script.append("set -euo pipefail\n");
    // an example that answers an HTTP error fails here, with the answer shown
    script.append("curl() { command curl --fail-with-body --max-time 60 \"$@\"; }\n");
    for (int i = 0; i < blocks.size(); i++) {
      script.append("echo '== README block ").append(i + 1).append("' >&2\n");
      script.append(blocks.get(i).replace("127.0.0.1:8080", "127.0.0.1:" + port));
    }
    Path file = home.resolve("readme.sh");
    Files.writeString(file, script);

    Result result = run(List.of("bash", file.toString()), home);

    assertThat(result.exitCode)
        .as("README examples (last block reached is named last):\n%s", result.output)
        .isZero();
  }

  @Test
  @Order(3)
  void the_runtime_printed_no_start_up_or_worker_noise_and_stops_quietly() throws Exception {
    assertThat(runtime.isAlive()).as("still running:\n%s", runtimeOutput).isTrue();
    // SIGTERM, as Ctrl-C; through the handle, since Process.destroy() also closes our end of the
    // pipe and what the runtime prints while it stops would be lost
    runtime.toHandle().destroy();
    assertThat(runtime.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(runtime.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
    reader.join(10_000); // what was printed last
    String all = runtimeOutput.toString();
    assertThat(all)
        .doesNotContain("\u001b[")
        .doesNotContain("SLF4J")
        .doesNotContain("Failed to detect GPU count")
        .doesNotContain("Could not addJvmShutdownHook")
        .doesNotContain("Exception")
        .contains("mljobs: stopping");
  }

  static List<String> bashBlocks(String readme) {
    List<String> blocks = new ArrayList<>();
    Matcher m = BASH_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path dir) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return e.toString();
              }
            });
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
  }
}
