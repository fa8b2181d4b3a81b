package dev.mljobs.local.aws;

import java.nio.file.Path;

/**
 * Where the local servers keep their data and which ports they bind on 127.0.0.1.
 *
 * @param dataDir the directory of every server's data ({@code dynamodb/}, {@code sqs/}, {@code s3/}
 *     inside it), or {@code null} to keep everything in memory
 * @param dynamoDbPort the DynamoDB port, 0 for a free one
 * @param sqsPort the SQS port, 0 for a free one
 * @param s3Port the S3 port, 0 for a free one
 */
public record LocalAwsConfig(Path dataDir, int dynamoDbPort, int sqsPort, int s3Port) {

  /**
   * Validates the ports and makes the data directory absolute.
   *
   * @throws IllegalArgumentException if a port is outside 0..65535
   */
  public LocalAwsConfig {
    for (int port : new int[] {dynamoDbPort, sqsPort, s3Port}) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
    }
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
  }

  /** Everything in memory, on free ports: for tests. */
  public static LocalAwsConfig inMemory() {
    return new LocalAwsConfig(null, 0, 0, 0);
  }

  /** Everything under {@code dataDir}, kept across restarts, on free ports. */
  public static LocalAwsConfig persistentIn(Path dataDir) {
    return new LocalAwsConfig(dataDir, 0, 0, 0);
  }

  /** The same storage on fixed ports (0 still means a free one). */
  public LocalAwsConfig withPorts(int dynamoDb, int sqs, int s3) {
    return new LocalAwsConfig(dataDir, dynamoDb, sqs, s3);
  }

  /** Whether data outlives the servers. */
  public boolean persistent() {
    return dataDir != null;
  }
}
