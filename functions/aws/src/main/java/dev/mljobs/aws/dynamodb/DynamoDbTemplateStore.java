package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.template.ConcurrentTemplateModificationException;
import dev.mljobs.core.template.DuplicateTemplateException;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplatePage;
import dev.mljobs.core.template.TemplateQuery;
import dev.mljobs.core.template.TemplateStatus;
import dev.mljobs.core.template.TemplateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link TemplateStore} on DynamoDB: one item per (owner, template_id), replaced whole on each
 * change under a condition on the version read. Listing reads the owner's {@link Tables#BY_OWNER}
 * index newest first; a status filter is applied after DynamoDB's page limit, so pages are read
 * until the page is full (plus one item, to know whether more exist).
 */
public final class DynamoDbTemplateStore implements TemplateStore {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbTemplateStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.templates();
  }

  @Override
  public JobTemplate create(JobTemplate template) {
    if (template.version() != 0) {
      throw new IllegalArgumentException("a new template has version 0");
    }
    JobTemplate stored = template.withVersion(1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(stored))
                  .conditionExpression("attribute_not_exists(template_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new DuplicateTemplateException(template.templateId());
    }
    return stored;
  }

  @Override
  public Optional<JobTemplate> find(String owner, String templateId) {
    if (owner == null || templateId == null) {
      throw new IllegalArgumentException("owner and template_id are required");
    }
    Map<String, AttributeValue> item =
        dynamo
            .getItem(b -> b.tableName(table).key(key(owner, templateId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public JobTemplate update(JobTemplate template) {
    JobTemplate stored = template.withVersion(template.version() + 1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(stored))
                  .conditionExpression("attribute_exists(template_id) AND version = :read")
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(template.version()))))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException e) {
      if (!e.hasItem() || e.item().isEmpty()) {
        throw new TemplateNotFoundException(template.templateId());
      }
      throw new ConcurrentTemplateModificationException(template.templateId(), template.version());
    }
    return stored;
  }

  @Override
  public TemplatePage list(TemplateQuery query) {
    Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":owner", AttributeValue.fromS(query.owner())));
    String condition = "#owner = :owner";
    if (query.cursor() != null) {
      condition += " AND #sk < :after";
      names.put("#sk", Tables.CREATED_SK);
      values.put(":after", AttributeValue.fromS(query.cursor().sortKey()));
    }
    String filter = null;
    if (query.status() != null) {
      filter = "#status = :status";
      names.put("#status", "status");
      values.put(":status", AttributeValue.fromS(query.status().wireName()));
    }
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.BY_OWNER)
            .keyConditionExpression(condition)
            .filterExpression(filter)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .scanIndexForward(false)
            .limit(query.limit() + 1)
            .build();
    List<JobTemplate> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      response.items().forEach(i -> found.add(fromItem(i)));
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (found.size() <= query.limit() && startKey != null);
    if (found.size() <= query.limit()) {
      return new TemplatePage(found, null);
    }
    List<JobTemplate> page = found.subList(0, query.limit());
    JobTemplate last = page.get(page.size() - 1);
    return new TemplatePage(page, new ListCursor(last.createdAt(), last.templateId()));
  }

  private static Map<String, AttributeValue> key(String owner, String templateId) {
    return Map.of(
        "owner", AttributeValue.fromS(owner), "template_id", AttributeValue.fromS(templateId));
  }

  private static Map<String, AttributeValue> toItem(JobTemplate t) {
    JobDefaults d = t.defaults();
    return Attributes.writer()
        .s("owner", t.owner())
        .s("template_id", t.templateId())
        .s(Tables.CREATED_SK, ListCursor.sortKey(t.createdAt(), t.templateId()))
        .s("name", t.name())
        .s("job_type", t.jobType())
        .json("default_params", t.defaultParams())
        .s("description", t.description())
        .n("priority", d.priority())
        .n("max_attempts", d.maxAttempts())
        .n("timeout_seconds", d.timeoutSeconds())
        .n("ttl_hours", d.ttlHours())
        .s("status", t.status().wireName())
        .s("created_at", t.createdAt())
        .s("updated_at", t.updatedAt())
        .n("version", t.version())
        .item();
  }

  private static JobTemplate fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    return new JobTemplate(
        a.s("template_id"),
        a.s("name"),
        a.s("job_type"),
        a.object("default_params"),
        a.s("description"),
        new JobDefaults(
            a.integer("priority"),
            a.integer("max_attempts"),
            a.integer("timeout_seconds"),
            a.integer("ttl_hours")),
        TemplateStatus.fromWire(a.s("status")),
        a.s("owner"),
        a.instant("created_at"),
        a.instant("updated_at"),
        a.number("version"));
  }
}
