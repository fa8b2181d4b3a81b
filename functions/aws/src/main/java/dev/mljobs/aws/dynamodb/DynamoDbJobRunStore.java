package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.job.DuplicateJobRunException;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.RunPage;
import dev.mljobs.core.job.RunQuery;
import dev.mljobs.core.job.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link JobRunStore} on DynamoDB: one item per (job_id, attempt), written once. A run with an
 * owner is also in the owner's {@link Tables#BY_OWNER} index, by {@link Tables#RUN_SK}.
 */
public final class DynamoDbJobRunStore implements JobRunStore {

  private final DynamoDbClient dynamo;
  private final String table;
  private final RunListing listing;

  public DynamoDbJobRunStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.jobRuns();
    this.listing = new RunListing(dynamo, table, DynamoDbJobRunStore::fromItem);
  }

  @Override
  public void record(JobRun run) {
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("job_id", run.jobId())
            .n("attempt", run.attempt())
            .s("run_id", run.runId())
            .json("params_snapshot", run.paramsSnapshot())
            .s("template_id", run.templateId())
            .s("schedule_id", run.scheduleId())
            .s("group_id", run.groupId())
            .s("owner", run.owner())
            .s(Tables.RUN_SK, run.owner() == null ? null : RunQuery.cursorAfter(run).sortKey())
            .s("status", run.status().wireName())
            .s("started_at", run.startedAt())
            .s("finished_at", run.finishedAt())
            .n("duration_ms", run.durationMs())
            .s("worker_id", run.workerId())
            .n("exit_code", run.exitCode())
            .s("error", run.error())
            .s("log_path", run.logPath())
            .item();
    item.put(
        "artifacts",
        AttributeValue.fromL(run.artifacts().stream().map(AttributeValue::fromS).toList()));
    try {
      dynamo.putItem(
          b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(job_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new DuplicateJobRunException(run.jobId(), run.attempt());
    }
  }

  @Override
  public List<JobRun> runsOf(UUID jobId) {
    if (jobId == null) {
      throw new IllegalArgumentException("job_id is required");
    }
    return dynamo
        .queryPaginator(
            b ->
                b.tableName(table)
                    .keyConditionExpression("job_id = :job")
                    .expressionAttributeValues(
                        Map.of(":job", AttributeValue.fromS(jobId.toString())))
                    .consistentRead(true)
                    .scanIndexForward(true))
        .items()
        .stream()
        .map(DynamoDbJobRunStore::fromItem)
        .toList();
  }

  @Override
  public RunPage list(RunQuery query) {
    return listing.list(query);
  }

  private static JobRun fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    return new JobRun(
        a.s("run_id"),
        UUID.fromString(a.s("job_id")),
        a.integer("attempt"),
        a.object("params_snapshot"),
        a.s("template_id"),
        a.s("schedule_id"),
        a.s("group_id"),
        a.s("owner"),
        RunStatus.fromWire(a.s("status")),
        a.instant("started_at"),
        a.instant("finished_at"),
        a.s("worker_id"),
        a.integer("exit_code"),
        a.s("error"),
        item.get("artifacts").l().stream().map(AttributeValue::s).toList(),
        a.s("log_path"));
  }
}
