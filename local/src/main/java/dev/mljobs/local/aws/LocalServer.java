package dev.mljobs.local.aws;

import java.net.URI;

/** One AWS-compatible server on 127.0.0.1, stopped by {@link #close()}. */
public interface LocalServer extends AutoCloseable {

  /** Where the server listens, {@code http://127.0.0.1:<port>}: the SDK's endpoint override. */
  URI endpoint();

  /**
   * Stops the server and releases its port and files. Persisted data stays on disk.
   *
   * @throws IllegalStateException if the server did not stop cleanly
   */
  @Override
  void close();

  /** The loopback endpoint of {@code port}. */
  static URI loopback(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }
}
