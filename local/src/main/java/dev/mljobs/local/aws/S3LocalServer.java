package dev.mljobs.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * s3proxy (S3), in memory or with one directory per bucket and one file per object under a
 * directory. It checks SigV4 signatures (headers and presigned URLs) against {@link
 * LocalClients#ACCESS_KEY} / {@link LocalClients#SECRET_KEY}, as S3 would. Every object it creates
 * is announced to an {@link S3ObjectCreatedListener}, the source of the local S3 event
 * notifications.
 */
public final class S3LocalServer implements LocalServer {

  private final S3Proxy proxy;
  private final int port;

  private S3LocalServer(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  /**
   * Starts s3proxy with buckets and objects in memory.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @param listener told about every object created
   * @throws IllegalStateException if the server does not start
   */
  public static S3LocalServer inMemory(int port, S3ObjectCreatedListener listener) {
    return start(new TransientNio2BlobStore(), port, listener);
  }

  /**
   * Starts s3proxy on the files under {@code dir}, created if missing. An object is in its file
   * when the PUT is answered, so it survives a killed process.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @param listener told about every object created
   * @throws IllegalStateException if the server does not start
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static S3LocalServer persistent(int port, Path dir, S3ObjectCreatedListener listener) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()), port, listener);
  }

  private static S3LocalServer start(BlobStore store, int port, S3ObjectCreatedListener listener) {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new NotifyingBlobStore(store, listener, Clock.systemUTC()))
            .endpoint(LocalServer.loopback(port))
            .awsAuthentication(
                AuthenticationType.AWS_V4, LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)
            // Jetty otherwise waits for idle keep-alive connections of our own clients to close.
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start on port " + port, e);
    }
    return new S3LocalServer(proxy, proxy.getPort());
  }

  @Override
  public URI endpoint() {
    return LocalServer.loopback(port);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    }
  }
}
