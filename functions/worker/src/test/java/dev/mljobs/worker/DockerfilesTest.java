package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.worker.embed.EmbedRequest;
import dev.mljobs.worker.embed.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container images cannot be built here (no Docker), so this checks what they rely on: the
 * classes they name, the files the build produces, the model they warm up, the variables they set.
 */
class DockerfilesTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.lambda", "Dockerfile.batch-gpu"})
  void the_image_names_only_what_the_build_makes_and_the_code_reads(String name) throws Exception {
    String dockerfile = Files.readString(MODULE.resolve(name));
    String pom = Files.readString(MODULE.resolve("pom.xml"));

    // the build's outputs that the image copies: target/mljobs-worker.jar and target/lib/
    assertThat(dockerfile)
        .contains("/src/functions/worker/target/mljobs-worker.jar")
        .contains("/src/functions/worker/target/lib/");
    assertThat(pom)
        .contains("<finalName>mljobs-worker</finalName>")
        .contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>")
        .contains("<mainClass>dev.mljobs.worker.WorkerCli</mainClass>");
    assertThat(MODULE.resolve("../../pom.xml")).exists();
    assertThat(Class.forName("dev.mljobs.worker.WorkerCli").getMethod("main", String[].class))
        .isNotNull();

    // every class it names exists; a handler is a Lambda stream handler
    for (String className : matches(dockerfile, "(dev\\.mljobs(?:\\.\\w+)+)")) {
      assertThat(Class.forName(className)).as(className).isNotNull();
    }
    for (String handler : matches(dockerfile, "CMD \\[\"([\\w.]+)::handleRequest\"\\]")) {
      assertThat(RequestStreamHandler.class.isAssignableFrom(Class.forName(handler))).isTrue();
    }

    // the warm-up job is a valid embedding job; preloaded models exist
    for (String params : matches(dockerfile, "JOB_PARAMS='([^']+)'")) {
      assertThat(EmbedRequest.from(new ObjectMapper().readTree(params)).texts()).hasSize(1);
    }
    for (String model : matches(dockerfile, "PRELOAD_MODELS=([\\w/.,-]+)")) {
      assertThat(ModelSpec.find(model)).as(model).isPresent();
    }

    // the variables it sets are read by the worker (or by DJL: DJL_CACHE_DIR)
    String sources = mainSources();
    for (String variable : matches(dockerfile, "\\b([A-Z][A-Z_]+)=")) {
      if (!List.of(
              "JOB_ID", "JOB_TYPE", "JOB_PARAMS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "DJL_CACHE_DIR")
          .contains(variable)) {
        assertThat(sources).as(variable + " is read by the worker").contains('"' + variable + '"');
      }
    }
    if (dockerfile.contains("-Pgpu")) {
      assertThat(pom).contains("<id>gpu</id>").contains("onnxruntime_gpu");
    }
  }

  private static List<String> matches(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(MODULE.resolve("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }
}
