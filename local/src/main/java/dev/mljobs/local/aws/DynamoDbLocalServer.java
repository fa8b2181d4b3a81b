package dev.mljobs.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in memory or in one SQLite file under a directory.
 *
 * <p>Its handler is mounted on a Jetty server of our own rather than through {@code ServerRunner}:
 * that one binds every interface and cannot tell which port it took, while here the connector binds
 * 127.0.0.1 only and port 0 gives a free port without a race. Telemetry, which only ServerRunner
 * configures, stays off.
 */
public final class DynamoDbLocalServer implements LocalServer {

  private final Server jetty;
  private final LocalDynamoDBServerHandler handler;
  private final int port;

  private DynamoDbLocalServer(Server jetty, LocalDynamoDBServerHandler handler, int port) {
    this.jetty = jetty;
    this.handler = handler;
    this.port = port;
  }

  /**
   * Starts DynamoDB Local with every table in memory.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException if the server does not start
   */
  public static DynamoDbLocalServer inMemory(int port) {
    return start(port, true, null);
  }

  /**
   * Starts DynamoDB Local on one SQLite file in {@code dir}, created if missing. SQLite commits a
   * write to the file before DynamoDB Local answers it, so the data survives a killed process.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException if the server does not start
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static DynamoDbLocalServer persistent(int port, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(port, false, dir.toAbsolutePath().toString());
  }

  private static DynamoDbLocalServer start(int port, boolean inMemory, String dbPath) {
    QuietLogs.apply();
    Server jetty = new Server();
    try {
      // sharedDb: one database whatever the access key and region, as locally there is one
      // account. The leading 0 and trailing false are ServerRunner's defaults.
      LocalDynamoDBRequestHandler requests =
          new LocalDynamoDBRequestHandler(0, inMemory, dbPath, true, false);
      LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
      ContextHandler context = new ContextHandler();
      context.setHandler(handler);
      jetty.setHandler(context);
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(port);
      jetty.addConnector(connector);
      jetty.start();
      return new DynamoDbLocalServer(jetty, handler, connector.getLocalPort());
    } catch (Exception e) {
      stopQuietly(jetty, e);
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
  }

  private static void stopQuietly(Server jetty, Exception cause) {
    try {
      jetty.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public URI endpoint() {
    return LocalServer.loopback(port);
  }

  @Override
  public void close() {
    try {
      jetty.stop();
      // Closes the SQLite database, so a restart in the same JVM opens the file afresh.
      handler.close();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
