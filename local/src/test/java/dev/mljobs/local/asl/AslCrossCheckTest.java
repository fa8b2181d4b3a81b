package dev.mljobs.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/asl-crosscheck} on our definitions ({@code asl-crosscheck/}): this
 * interpreter and aws-local-stepfunctions must agree. (The conformance corpus was checked against
 * that interpreter when it was written; the script runs it too when called without arguments.)
 * Needs Node and the npm packages ({@code npm ci --prefix local/src/test/js}); without them the
 * test is skipped.
 */
class AslCrossCheckTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SCRIPT = MODULE.resolveSibling("scripts").resolve("asl-crosscheck");
  private static final Path NODE_MODULES = MODULE.resolve("src/test/js/node_modules");

  @Test
  void java_and_javascript_interpreters_agree() throws Exception {
    assumeTrue(nodeWorks(), "node is not on the PATH: the cross-check needs Node 20 or later");
    assumeTrue(
        Files.isDirectory(NODE_MODULES.resolve("aws-local-stepfunctions"))
            && Files.isDirectory(NODE_MODULES.resolve("asl-validator")),
        "npm packages missing: run 'npm ci --prefix local/src/test/js' to cross-check");
    Path ours = MODULE.resolve("src/test/resources/asl-crosscheck");
    ProcessBuilder script =
        new ProcessBuilder("bash", SCRIPT.toString(), ours.toString()).redirectErrorStream(true);
    script.environment().put("ASL_JAVA_CLASSPATH", System.getProperty("java.class.path"));

    Process process = script.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = process.waitFor(3, TimeUnit.MINUTES);

    assertThat(ended).as("the cross-check ends").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("crosscheck: [1-9]\\d* passed, 0 failed");
  }

  private static boolean nodeWorks() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
