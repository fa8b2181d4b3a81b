package dev.mljobs.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Files that ship inside jars (model graphs, ONNX Runtime's native libraries) unpacked once into a
 * cache directory and used from there, so that a process does not inflate 90 MB (0.5 s) at every
 * start. The directory is {@code MLJOBS_CACHE_DIR}, else {@code ~/.cache/mljobs}, else {@code
 * java.io.tmpdir/mljobs-cache} (Lambda: home is read-only). A container image fills it at build
 * time and may leave it read-only. A cached file is named after the jar entry's CRC-32, so a new
 * jar never meets a stale file; it is written beside and moved into place, so that two processes
 * starting at once do not read a half-written file.
 */
public final class FileCache {

  private static final String ORT_NATIVE_PATH = "onnxruntime.native.path";
  private static final List<String> ORT_LIBRARIES =
      List.of(
          "onnxruntime",
          "onnxruntime4j_jni",
          "onnxruntime_providers_shared",
          "onnxruntime_providers_cuda",
          "onnxruntime_providers_tensorrt");

  private FileCache() {}

  /** The cache directory that {@code env} names (it may not exist yet). */
  public static Path directory(Map<String, String> env) {
    String dir = env.get("MLJOBS_CACHE_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    Path home = Path.of(System.getProperty("user.home", "/"));
    if (Files.isWritable(home) || Files.isDirectory(home.resolve(".cache/mljobs"))) {
      return home.resolve(".cache/mljobs");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "mljobs-cache");
  }

  /**
   * A file for a classpath resource: the resource itself when it is a file, else its cached copy.
   *
   * @return empty when the resource is in a jar and cannot be cached (read-only, full disk): the
   *     caller then reads it from the jar
   */
  public static Optional<Path> file(URL resource, Path cacheDir) {
    try {
      if (resource.getProtocol().equals("file")) {
        return Optional.of(Path.of(resource.toURI()));
      }
      JarEntry entry = entry(resource);
      String name = Path.of(entry.getName()).getFileName().toString();
      int dot = name.lastIndexOf('.');
      String crc = "-" + Long.toHexString(entry.getCrc());
      Path target =
          cacheDir.resolve(
              dot < 0 ? name + crc : name.substring(0, dot) + crc + name.substring(dot));
      copyOnce(resource, entry, target);
      return Optional.of(target);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Points ONNX Runtime at its native libraries unpacked in the cache (system property {@code
   * onnxruntime.native.path}), unpacking them there the first time; ONNX Runtime otherwise unpacks
   * them to a new temporary directory in every process (0.15 s). Must run before ONNX Runtime's
   * classes are first used; does nothing when the property is set already (an image may set it) or
   * the libraries cannot be found or cached.
   */
  public static synchronized void prepareOnnxRuntime(Map<String, String> env) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (System.getProperty(ORT_NATIVE_PATH) != null || !os.contains("linux")) {
      return;
    }
    String prefix =
        "/ai/onnxruntime/native/linux-"
            + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch)
            + "/lib";
    URL main = FileCache.class.getResource(prefix + "onnxruntime.so");
    try {
      if (main == null || !main.getProtocol().equals("jar")) {
        return;
      }
      // One directory per build of the library, where each has the name ONNX Runtime looks for.
      Path dir = directory(env).resolve("onnxruntime-" + Long.toHexString(entry(main).getCrc()));
      for (String library : ORT_LIBRARIES) {
        URL url = FileCache.class.getResource(prefix + library + ".so");
        if (url != null) {
          copyOnce(url, entry(url), dir.resolve("lib" + library + ".so"));
        }
      }
      System.setProperty(ORT_NATIVE_PATH, dir.toString());
    } catch (IOException | RuntimeException e) {
      // ONNX Runtime unpacks them itself, as it does without the cache
    }
  }

  private static JarEntry entry(URL resource) throws IOException {
    URLConnection connection = resource.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      throw new IOException("not in a jar: " + resource);
    }
    return jar.getJarEntry();
  }

  private static void copyOnce(URL resource, JarEntry entry, Path target) throws IOException {
    if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
      return;
    }
    Files.createDirectories(target.getParent());
    Path partial =
        Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      try (InputStream in = resource.openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
