package dev.mljobs.worker.model;

import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Model files on local disk. An {@code s3://bucket/key} object is downloaded once into the cache
 * directory ({@code MODEL_CACHE_DIR}, by default {@code <tmp>/mljobs-models}) under a name made of
 * its URI and ETag, so a warm Lambda or a long-lived worker reuses it across jobs and a replaced
 * object is fetched again. A {@code file:} URI is used where it lies (tests, local development). S3
 * is reached through the worker's {@link S3Objects}.
 */
public final class ModelFiles {

  /** Downloads in progress or done in this process, by cache file: one download per file. */
  private static final Map<Path, Path> FETCHED = new ConcurrentHashMap<>();

  private final S3Objects s3;
  private final Path dir;

  /** Model files fetched with an S3 client of its own, made from {@code env} on first use. */
  public ModelFiles(Map<String, String> env) {
    this(S3Objects.fromEnvironment(env), env);
  }

  /**
   * @param s3 the S3 that models are downloaded from
   * @param env {@code MODEL_CACHE_DIR}, the cache directory
   */
  public ModelFiles(S3Objects s3, Map<String, String> env) {
    this(s3, cacheDir(env));
  }

  private ModelFiles(S3Objects s3, Path dir) {
    this.s3 = s3;
    this.dir = dir;
  }

  private static Path cacheDir(Map<String, String> env) {
    String configured = env.get("MODEL_CACHE_DIR");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "mljobs-models");
  }

  /** The same cache, fetching through {@code s3} (e.g. one that reads only a job owner's space). */
  public ModelFiles using(S3Objects s3) {
    return new ModelFiles(s3, dir);
  }

  /**
   * Returns the model file of {@code uri} on local disk, downloading it when this version is not
   * cached yet.
   *
   * @throws ModelFileException when there is no such object or it cannot be read, with a reason
   */
  public Path fetch(String uri) {
    if (uri.startsWith("file:")) {
      Path file = Path.of(URI.create(uri));
      if (!Files.isRegularFile(file)) {
        throw new ModelFileException("no file at " + uri);
      }
      return file;
    }
    S3Uri object;
    try {
      object = S3Uri.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("must be s3://bucket/key, got " + uri);
    }
    if (object.isPrefix()) {
      throw new ModelFileException("must be s3://bucket/key, got " + uri);
    }
    try {
      s3.checkReadable(object);
    } catch (IOException e) {
      throw new ModelFileException(e.getMessage());
    }
    String bucket = object.bucket();
    String key = object.key();
    HeadObjectResponse head;
    try {
      head = s3.client().headObject(b -> b.bucket(bucket).key(key));
    } catch (S3Exception e) {
      throw new ModelFileException(reason(e, uri));
    }
    Path file = dir.resolve(cacheName(uri, head.eTag(), key));
    if (!Files.isRegularFile(file)) {
      FETCHED.remove(file); // the directory was cleared while this process ran
    }
    return FETCHED.computeIfAbsent(file, f -> download(bucket, key, head.eTag(), f, uri));
  }

  private Path download(String bucket, String key, String eTag, Path file, String uri) {
    if (Files.isRegularFile(file)) {
      return file; // fetched by an earlier process on this disk (a warm container's /tmp)
    }
    try {
      Files.createDirectories(dir);
      // a name no one has: the SDK writes only to a file that does not exist yet
      Path partial = dir.resolve("download-" + UUID.randomUUID() + ".part");
      try {
        // ifMatch: the version we named the file after, not one written in between
        s3.client()
            .getObject(b -> b.bucket(bucket).key(key).ifMatch(eTag), partial.toAbsolutePath());
      } catch (RuntimeException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (S3Exception e) {
      throw new ModelFileException(reason(e, uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model cache in " + dir, e);
    }
  }

  private static String reason(S3Exception e, String uri) {
    return switch (e.statusCode()) {
      case 404 -> "no object at " + uri;
      case 403 -> "access to " + uri + " is denied";
      case 412 -> uri + " changed while it was read; try again";
      default -> uri + " cannot be read (S3 status " + e.statusCode() + ")";
    };
  }

  /** The hash of URI and ETag, then the key's file name (readable in a directory listing). */
  static String cacheName(String uri, String eTag, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((uri + "\n" + eTag).getBytes(StandardCharsets.UTF_8));
      String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
      return HexFormat.of().formatHex(digest, 0, 16) + "-" + name;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
