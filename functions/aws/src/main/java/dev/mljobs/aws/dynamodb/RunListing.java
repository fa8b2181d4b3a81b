package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.RunPage;
import dev.mljobs.core.job.RunQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Answers a {@link RunQuery} from the owner's {@link Tables#BY_OWNER} index of the runs table,
 * newest first. Template, schedule, group and status become a filter expression; DynamoDB applies
 * filters after its page limit, so pages are read until the page is full (plus one run, to know
 * whether more exist).
 */
final class RunListing {

  private final DynamoDbClient dynamo;
  private final String table;
  private final Function<Map<String, AttributeValue>, JobRun> reader;

  RunListing(
      DynamoDbClient dynamo, String table, Function<Map<String, AttributeValue>, JobRun> reader) {
    this.dynamo = dynamo;
    this.table = table;
    this.reader = reader;
  }

  RunPage list(RunQuery query) {
    Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":owner", AttributeValue.fromS(query.owner())));
    String condition = "#owner = :owner";
    if (query.cursor() != null) {
      condition += " AND #sk < :after";
      names.put("#sk", Tables.RUN_SK);
      values.put(":after", AttributeValue.fromS(query.cursor().sortKey()));
    }
    List<String> filters = new ArrayList<>();
    filter(filters, names, values, "template_id", query.templateId());
    filter(filters, names, values, "schedule_id", query.scheduleId());
    filter(filters, names, values, "group_id", query.groupId());
    filter(
        filters,
        names,
        values,
        "status",
        query.status() == null ? null : query.status().wireName());
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.BY_OWNER)
            .keyConditionExpression(condition)
            .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .scanIndexForward(false)
            .limit(query.limit() + 1)
            .build();
    List<JobRun> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      response.items().forEach(i -> found.add(reader.apply(i)));
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (found.size() <= query.limit() && startKey != null);
    if (found.size() <= query.limit()) {
      return new RunPage(found, null);
    }
    List<JobRun> page = found.subList(0, query.limit());
    return new RunPage(page, RunQuery.cursorAfter(page.get(page.size() - 1)));
  }

  private static void filter(
      List<String> filters,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      String value) {
    if (value == null) {
      return;
    }
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, AttributeValue.fromS(value));
    filters.add("#" + attribute + " = :" + attribute);
  }
}
