package dev.mljobs.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets made up by the runtime: the one behind workers' callback tokens, and the API key when
 * {@code MLJOBS_API_KEY} is unset. Kept in the data directory, so tokens handed to workers and keys
 * handed to clients before a restart stay valid after it; made up afresh in memory otherwise.
 */
final class Secrets {

  private Secrets() {}

  static String callbackSecret(Path dataDir) throws IOException {
    return dataDir == null ? random() : stored(dataDir.resolve("callback-secret"), random());
  }

  /**
   * The API key made up for a data directory: the one a previous start kept there, else {@code
   * generated}, kept for the next start. Clients and scripts keep working across restarts, and can
   * read the key from the file ({@code KEY=$(cat .mljobs/api-key)}).
   */
  static String apiKey(Path dataDir, String generated) throws IOException {
    return stored(apiKeyFile(dataDir), generated);
  }

  static Path apiKeyFile(Path dataDir) {
    return dataDir.resolve("api-key");
  }

  /** What {@code file} holds, else {@code fresh}, written there readable by this user only. */
  private static String stored(Path file, String fresh) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system has no POSIX permissions; the directory's own protection applies
    }
    Files.writeString(temp, fresh + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return fresh;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
