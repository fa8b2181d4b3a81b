package dev.mljobs.local.scheduler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * A {@link LocalScheduler} on hand-moved time with recording targets, and the real SDK client
 * pointed at it.
 */
final class SchedulerFixture implements AutoCloseable {

  static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:jobs";
  static final String DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:jobs-dlq";
  static final String ROLE_ARN = "arn:aws:iam::000000000000:role/scheduler";

  final ManualTime time;
  final RecordingTargets targets;
  private final Optional<Path> dataDirectory;
  private LocalScheduler scheduler;
  private SchedulerClient client;

  private SchedulerFixture(
      Instant start, Optional<Path> dataDirectory, ScheduleTargets downstream) {
    this.time = new ManualTime(start);
    this.targets = new RecordingTargets(time, downstream);
    this.dataDirectory = dataDirectory;
    start();
  }

  /** An emulator whose clock reads {@code start}, keeping nothing on disk. */
  static SchedulerFixture startingAt(Instant start) {
    return new SchedulerFixture(start, Optional.empty(), invocation -> {});
  }

  /** An emulator whose clock reads {@code start}, keeping its schedules in {@code directory}. */
  static SchedulerFixture startingAt(Instant start, Path directory) {
    return new SchedulerFixture(start, Optional.of(directory), invocation -> {});
  }

  /** An emulator whose clock reads {@code start}, recording deliveries, then passing them on. */
  static SchedulerFixture startingAt(Instant start, ScheduleTargets downstream) {
    return new SchedulerFixture(start, Optional.empty(), downstream);
  }

  /** The running emulator. */
  LocalScheduler scheduler() {
    return scheduler;
  }

  /** The SDK's client for the running emulator. */
  SchedulerClient client() {
    return client;
  }

  /** Starts an emulator on the data directory and clock, as a restart after {@link #close()}. */
  void start() {
    LocalScheduler.Builder builder = LocalScheduler.builder(targets).time(time, time);
    dataDirectory.ifPresent(builder::dataDirectory);
    scheduler = builder.start();
    client = clientFor(scheduler.endpoint());
  }

  @Override
  public void close() {
    client.close();
    scheduler.close();
  }

  /** A client as the handlers build one, but for a local endpoint. */
  static SchedulerClient clientFor(URI endpoint) {
    return SchedulerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * A valid request: hourly, no flexible window, the {@code jobs} queue as target with a JSON
   * input.
   */
  static CreateScheduleRequest.Builder aSchedule(String name) {
    return CreateScheduleRequest.builder()
        .name(name)
        .scheduleExpression("rate(1 hour)")
        .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
        .target(target -> target.arn(QUEUE_ARN).roleArn(ROLE_ARN).input("{\"job\":\"nightly\"}"));
  }
}
