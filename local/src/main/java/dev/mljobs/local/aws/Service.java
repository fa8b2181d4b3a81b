package dev.mljobs.local.aws;

import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One running server, the SDK client pointed at it and what was created on it (names, URLs).
 * Closing it closes the client, then stops the server.
 */
record Service<C extends SdkAutoCloseable, R>(LocalServer server, C client, R provisioned)
    implements AutoCloseable {

  /**
   * Connects a client to a started server and creates our resources on it.
   *
   * @throws RuntimeException whatever provisioning threw; the client and the server are closed
   */
  static <C extends SdkAutoCloseable, R> Service<C, R> provision(
      LocalServer server, Function<URI, C> clientFor, Function<C, R> provisioning) {
    C client = null;
    try {
      client = clientFor.apply(server.endpoint());
      return new Service<>(server, client, provisioning.apply(client));
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      server.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
