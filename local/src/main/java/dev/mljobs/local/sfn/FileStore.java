package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Keeps state machines and executions as JSON files under {@code DIR/stepfunctions/}: {@code
 * state-machines/NAME.json} and {@code executions/MACHINE/NAME.json}.
 *
 * <p>Each write goes to a temporary file that is then renamed over the old one, so a crash leaves
 * either the old or the new file, never half of one. Files are not forced to disk: the local
 * runtime needs to survive its own crash, not a power loss.
 */
final class FileStore implements Store {
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path machines;
  private final Path executions;

  /**
   * @throws UncheckedIOException when the directories cannot be created
   */
  FileStore(Path dataDirectory) {
    Path root = dataDirectory.resolve("stepfunctions");
    this.machines = root.resolve("state-machines");
    this.executions = root.resolve("executions");
    try {
      Files.createDirectories(machines);
      Files.createDirectories(executions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<StateMachine> loadStateMachines() {
    return readAll(machines, StateMachine::fromJson);
  }

  @Override
  public void save(StateMachine machine) {
    write(machines.resolve(fileName(machine.name()) + ".json"), machine.toJson());
  }

  @Override
  public void delete(StateMachine machine) {
    try {
      Files.deleteIfExists(machines.resolve(fileName(machine.name()) + ".json"));
      deleteTree(executions.resolve(fileName(machine.name())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<StoredExecution> loadExecutions() {
    List<StoredExecution> all = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(executions)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        all.addAll(readAll(dir, StoredExecution::fromJson));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  @Override
  public void save(StoredExecution execution) {
    write(fileOf(execution), execution.toJson());
  }

  @Override
  public void delete(StoredExecution execution) {
    try {
      Files.deleteIfExists(fileOf(execution));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path fileOf(StoredExecution execution) {
    Path dir = executions.resolve(fileName(execution.request().stateMachineName()));
    return dir.resolve(fileName(execution.request().name()) + ".json");
  }

  private static <T> List<T> readAll(Path dir, Function<JsonNode, T> reader) {
    List<T> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (file.getFileName().toString().startsWith(TEMP_PREFIX)) {
          Files.delete(file); // a write the last process did not get to rename
        } else if (file.toString().endsWith(".json")) {
          all.add(read(file, reader));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  private static <T> T read(Path file, Function<JsonNode, T> reader) throws IOException {
    try {
      return reader.apply(ApiJson.MAPPER.readTree(file.toFile()));
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read " + file + " (fix or delete it): " + e.getMessage(), e);
    }
  }

  private static void write(Path file, ObjectNode json) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), TEMP_PREFIX, ".json");
      Files.write(temp, ApiJson.write(json).getBytes(StandardCharsets.UTF_8));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * A file name for a state machine or execution name. Names may hold dots ({@code ..}) and any
   * letter, so only plain ones are used as they are; others become a hash behind {@code ~}, which
   * no name may contain. The file's content holds the real name.
   */
  static String fileName(String name) {
    if (name.matches("[A-Za-z0-9_-]+")) {
      return name;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "~" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
