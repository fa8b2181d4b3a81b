package dev.mljobs.aws.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.aws.AwsClients;
import dev.mljobs.core.StorageUnavailableException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 endpoint that does not answer (a port nobody listens on) is a transient failure, told apart
 * from an object that is not there (S3BlobStoreIT, against the local S3 server).
 */
class S3BlobStoreTest {

  @Test
  void an_s3_that_does_not_answer_is_storage_unavailable_without_its_endpoint_in_the_message()
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: connecting is refused
    }
    AwsClients clients =
        new AwsClients(
            Map.of(
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port,
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
    try (S3Client s3 =
        clients
            .configure(S3Client.builder(), "S3")
            .forcePathStyle(true)
            .httpClient(clients.httpClient())
            .build()) {
      S3BlobStore blobs = new S3BlobStore(s3, "mljobs-data");
      assertThatThrownBy(() -> blobs.get("s3://mljobs-data/results/1/attempt-1.json"))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageStartingWith("reading s3://mljobs-data/results/1/attempt-1.json")
          .message()
          .doesNotContain("127.0.0.1")
          .doesNotContain(Integer.toString(port));
    }
  }
}
