package dev.mljobs.aws.dynamodb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * One in-memory DynamoDB Local server per test JVM, on a free port, reached through the real SDK
 * client. Each test gets its own tables under a fresh prefix, so tests never see each other's items
 * and need no clean-up.
 */
final class LocalDynamoDb {

  private static DynamoDbClient client;

  private LocalDynamoDb() {}

  static synchronized DynamoDbClient client() {
    if (client == null) {
      client = start();
    }
    return client;
  }

  /** Fresh, empty tables for one test. */
  static TableNames freshTables() {
    TableNames names =
        TableNames.withPrefix("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
    new TableProvisioner(client()).ensureTables(names);
    return names;
  }

  private static DynamoDbClient start() {
    try {
      int port = freePort();
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(port)});
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
      return DynamoDbClient.builder()
          .endpointOverride(URI.create("http://127.0.0.1:" + port))
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  private static void stop(DynamoDBProxyServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      // the JVM is exiting anyway
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
