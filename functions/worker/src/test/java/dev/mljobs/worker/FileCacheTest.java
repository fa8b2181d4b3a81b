package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileCacheTest {

  // a small file inside langchain4j's model jar
  private static final URL IN_A_JAR =
      FileCacheTest.class.getResource("/all-minilm-l6-v2-tokenizer.json");

  @TempDir Path cache;

  @Test
  void a_file_in_a_jar_is_unpacked_once_under_a_name_with_its_crc() throws Exception {
    assertThat(IN_A_JAR.getProtocol()).isEqualTo("jar");

    // when
    Path first = FileCache.file(IN_A_JAR, cache).orElseThrow();
    Files.setLastModifiedTime(first, FileTime.fromMillis(0));
    Path second = FileCache.file(IN_A_JAR, cache).orElseThrow();

    // then: the same file, not written again, with the resource's bytes
    assertThat(second).isEqualTo(first);
    assertThat(first.getParent()).isEqualTo(cache);
    assertThat(first.getFileName().toString())
        .matches("all-minilm-l6-v2-tokenizer-[0-9a-f]+\\.json");
    assertThat(Files.getLastModifiedTime(second).toMillis()).isZero();
    try (InputStream in = IN_A_JAR.openStream()) {
      assertThat(Files.readAllBytes(first)).isEqualTo(in.readAllBytes());
    }
    assertThat(cache).isDirectoryNotContaining("glob:**.part");
  }

  @Test
  void a_half_written_file_is_written_again() throws Exception {
    Path file = FileCache.file(IN_A_JAR, cache).orElseThrow();
    Files.write(file, new byte[] {1, 2, 3});

    assertThat(FileCache.file(IN_A_JAR, cache)).contains(file);
    assertThat(Files.size(file)).isGreaterThan(3);
  }

  @Test
  void where_the_cache_cannot_be_written_there_is_no_file() throws Exception {
    Path notADirectory = Files.writeString(cache.resolve("plain-file"), "x");

    assertThat(FileCache.file(IN_A_JAR, notADirectory.resolve("cache"))).isEmpty();
  }

  @Test
  void a_resource_that_is_a_file_is_used_where_it_lies() throws Exception {
    Path file = Files.writeString(cache.resolve("model.onnx"), "graph");

    assertThat(FileCache.file(file.toUri().toURL(), cache.resolve("other"))).contains(file);
  }

  @Test
  void the_cache_directory_comes_from_the_environment() {
    assertThat(FileCache.directory(Map.of("MLJOBS_CACHE_DIR", "/opt/x")))
        .isEqualTo(Path.of("/opt/x"));
    assertThat(FileCache.directory(Map.of())).isNotNull();
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = "amd64") // the platform of the libraries checked
  void onnx_runtime_libraries_are_unpacked_under_the_names_it_loads() throws Exception {
    // given: ONNX Runtime reads the property once, when it first loads; here it may have loaded
    // already, so the property is set aside and put back
    String before = System.clearProperty("onnxruntime.native.path");
    try {
      // when
      FileCache.prepareOnnxRuntime(Map.of("MLJOBS_CACHE_DIR", cache.toString()));

      // then
      Path dir = Path.of(System.getProperty("onnxruntime.native.path"));
      assertThat(dir.getParent()).isEqualTo(cache);
      URL library = getClass().getResource("/ai/onnxruntime/native/linux-x64/libonnxruntime.so");
      Optional<Long> expected =
          library == null
              ? Optional.empty()
              : Optional.of(library.openConnection().getContentLengthLong());
      assertThat(dir.resolve("libonnxruntime.so")).isRegularFile();
      assertThat(dir.resolve("libonnxruntime4j_jni.so")).isRegularFile();
      expected.ifPresent(size -> assertThat(dir.resolve("libonnxruntime.so")).hasSize(size));
    } finally {
      if (before == null) {
        System.clearProperty("onnxruntime.native.path");
      } else {
        System.setProperty("onnxruntime.native.path", before);
      }
    }
  }
}
