package dev.mljobs.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret behind workers' callback tokens. Kept in the data directory, so tokens handed to
 * workers before a restart stay valid after it; made up afresh in memory otherwise.
 */
final class Secrets {

  private Secrets() {}

  static String callbackSecret(Path dataDir) throws IOException {
    if (dataDir == null) {
      return random();
    }
    Path file = dataDir.resolve("callback-secret");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    String secret = random();
    Path temp = Files.createTempFile(dataDir, "callback-secret", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system has no POSIX permissions; the directory's own protection applies
    }
    Files.writeString(temp, secret, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return secret;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
