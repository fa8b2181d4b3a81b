package dev.mljobs.local.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A JSON file that is replaced whole: written to a temporary file beside it, flushed to disk and
 * renamed over it, so that a crash leaves either the old or the new content, never half of one.
 *
 * @param path the file
 * @param mapper how its content is read and written
 */
record AtomicJsonFile(Path path, ObjectMapper mapper) {

  /**
   * Reads the file.
   *
   * @return its content, or empty if there is no file yet
   * @throws UncheckedIOException if it cannot be read or parsed
   */
  <T> Optional<T> read(Class<T> type) {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readValue(path.toFile(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * Replaces the file's content with {@code value}.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  void write(Object value) {
    Path temp = null;
    try {
      Files.createDirectories(path.getParent());
      temp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
      byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write already failed; a stray temporary file is the lesser problem.
    }
  }
}
