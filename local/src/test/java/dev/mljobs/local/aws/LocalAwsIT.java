package dev.mljobs.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.QueueProvisioner;
import dev.mljobs.aws.sqs.QueueSpec;
import dev.mljobs.aws.sqs.Queues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

/** The three local servers in memory, reached through the real SDK clients. */
class LocalAwsIT {

  private static LocalAws aws;

  @BeforeAll
  static void start() {
    aws = StartupTimes.start("in memory", LocalAwsConfig.inMemory());
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void a_job_item_is_written_and_read_back_from_the_jobs_table() {
    // given
    String jobsTable = LocalAws.tableNames().jobs();
    String jobId = UUID.randomUUID().toString();
    Map<String, AttributeValue> item =
        Map.of(
            "job_id", AttributeValue.fromS(jobId),
            "status", AttributeValue.fromS("QUEUED"),
            "version", AttributeValue.fromN("1"));

    // when
    aws.dynamoDb()
        .putItem(
            b ->
                b.tableName(jobsTable)
                    .item(item)
                    .conditionExpression("attribute_not_exists(job_id)"));

    // then
    assertThat(
            aws.dynamoDb()
                .getItem(
                    b ->
                        b.tableName(jobsTable)
                            .key(Map.of("job_id", AttributeValue.fromS(jobId)))
                            .consistentRead(true))
                .item())
        .isEqualTo(item);
    assertThatThrownBy(
            () ->
                aws.dynamoDb()
                    .putItem(
                        b ->
                            b.tableName(jobsTable)
                                .item(item)
                                .conditionExpression("attribute_not_exists(job_id)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
  }

  @Test
  void a_message_is_sent_received_and_deleted() {
    // given
    String queue = aws.queueUrl(Queues.JOBS);

    // when
    aws.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("job-1"));
    List<Message> received =
        aws.sqs().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages();
    aws.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(received.get(0).receiptHandle()));

    // then
    assertThat(received).extracting(Message::body).containsExactly("job-1");
    assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(queue)).messages()).isEmpty();
  }

  @Test
  void a_message_received_five_times_without_delete_moves_to_the_dead_letter_queue() {
    // given fresh queues made from the same specs, so that no other test's message is in them
    Map<QueueSpec, String> queues =
        new QueueProvisioner(aws.sqs()).ensureQueues(QueueNames.withPrefix("redrive-"));
    String jobs = queues.get(Queues.JOBS);
    aws.sqs().sendMessage(b -> b.queueUrl(jobs).messageBody("poison"));

    // when each receive gives the message straight back (visibility 0), as a failing consumer would
    for (int i = 1; i <= Queues.MAX_RECEIVES; i++) {
      assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(jobs).visibilityTimeout(0)).messages())
          .extracting(Message::body)
          .containsExactly("poison");
    }

    // then the next receive finds it gone to the DLQ
    assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(jobs).visibilityTimeout(0)).messages())
        .isEmpty();
    assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(queues.get(Queues.JOBS_DLQ))).messages())
        .extracting(Message::body)
        .containsExactly("poison");
  }

  @Test
  void an_object_is_put_listed_and_read_back() {
    // given
    String bucket = LocalAws.bucketNames().data();

    // when
    aws.s3().putObject(b -> b.bucket(bucket).key("inputs/a.txt"), RequestBody.fromString("hello"));

    // then
    assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("inputs/a.txt")).asUtf8String())
        .isEqualTo("hello");
    assertThat(aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix("inputs/")).contents())
        .extracting(S3Object::key)
        .contains("inputs/a.txt");
  }

  @Test
  void a_streamed_upload_of_unknown_length_is_stored_intact() {
    // given 1 MiB that the SDK must send aws-chunked, signing each chunk, with a checksum trailer
    byte[] model = new byte[1 << 20];
    new java.util.Random(42).nextBytes(model);
    String bucket = LocalAws.bucketNames().data();

    // when
    aws.s3()
        .putObject(
            b -> b.bucket(bucket).key("models/m.onnx"),
            RequestBody.fromContentProvider(
                () -> new java.io.ByteArrayInputStream(model), "application/octet-stream"));

    // then
    assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key("models/m.onnx")).asByteArray())
        .isEqualTo(model);
  }

  @Test
  void a_presigned_get_works_and_a_tampered_one_is_refused()
      throws IOException, InterruptedException {
    // given
    String bucket = LocalAws.bucketNames().data();
    aws.s3().putObject(b -> b.bucket(bucket).key("results/r.json"), RequestBody.fromString("{}"));
    URI url =
        URI.create(
            aws.s3Presigner()
                .presignGetObject(
                    b ->
                        b.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket(bucket).key("results/r.json")))
                .url()
                .toString());
    URI tampered = URI.create(url.toString().replace("results/r.json", "results/other.json"));

    // when
    HttpResponse<String> ok = get(url);
    HttpResponse<String> refused = get(tampered);

    // then
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{}");
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void a_request_signed_with_another_secret_is_refused() {
    // given
    try (S3Client intruder =
        S3Client.builder()
            .endpointOverride(aws.s3Endpoint())
            .region(LocalClients.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalClients.ACCESS_KEY, "guessed")))
            .httpClient(UrlConnectionHttpClient.create())
            .forcePathStyle(true)
            .build()) {

      // when / then
      assertThatThrownBy(() -> intruder.listObjectsV2(b -> b.bucket(LocalAws.bucketNames().data())))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
