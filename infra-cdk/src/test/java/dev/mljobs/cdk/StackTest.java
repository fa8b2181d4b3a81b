package dev.mljobs.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.dynamodb.TableSpec;
import dev.mljobs.aws.dynamodb.Tables;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.sfn.StateMachineDefinitions;
import dev.mljobs.aws.sfn.StateMachineDefinitions.Placeholder;
import dev.mljobs.aws.sqs.Queues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack's resources have the properties the deployment relies on. */
class StackTest {

  static Template template;
  static JsonNode resources;

  @BeforeAll
  static void synthesise() throws Exception {
    Synth synth = Synth.shared();
    template = synth.template;
    resources = synth.json().path("Resources");
  }

  @Test
  void every_table_is_made_from_its_definition_on_demand_recoverable_encrypted_and_protected() {
    for (TableSpec spec : Tables.ALL) {
      List<Object> keys = new ArrayList<>();
      keys.add(Map.of("AttributeName", spec.partitionKey().attribute(), "KeyType", "HASH"));
      if (spec.sortKey() != null) {
        keys.add(Map.of("AttributeName", spec.sortKey().attribute(), "KeyType", "RANGE"));
      }
      template.hasResourceProperties(
          "AWS::DynamoDB::Table",
          Match.objectLike(
              Map.of(
                  "KeySchema",
                  keys,
                  "BillingMode",
                  "PAY_PER_REQUEST",
                  "PointInTimeRecoverySpecification",
                  Map.of("PointInTimeRecoveryEnabled", true),
                  "SSESpecification",
                  Map.of("SSEEnabled", true),
                  "DeletionProtectionEnabled",
                  true)));
    }
  }

  @Test
  void the_jobs_table_has_every_index_of_its_definition_and_ttl_on_expires_at() {
    JsonNode jobs = tableWithKey(Tables.JOBS.partitionKey().attribute(), 8);
    Set<String> indexes = new TreeSet<>();
    jobs.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(i.path("IndexName").asText()));
    assertThat(indexes)
        .isEqualTo(
            Tables.JOBS.indexes().stream()
                .map(TableSpec.Index::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    assertThat(jobs.path("TimeToLiveSpecification").path("AttributeName").asText())
        .isEqualTo("expires_at");
    assertThat(jobs.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    JsonNode byQueue = null;
    for (JsonNode i : jobs.path("GlobalSecondaryIndexes")) {
      if (i.path("IndexName").asText().equals(Tables.BY_QUEUE)) {
        byQueue = i;
      }
    }
    assertThat(byQueue.path("Projection").path("ProjectionType").asText()).isEqualTo("INCLUDE");
    assertThat(byQueue.path("Projection").path("NonKeyAttributes").toString())
        .contains("owner", "queued_at", "parked");
  }

  @Test
  void data_buckets_block_public_access_require_tls_are_encrypted_versioned_and_expire_results() {
    Map<String, Object> blocked =
        Map.of(
            "BlockPublicAcls", true,
            "BlockPublicPolicy", true,
            "IgnorePublicAcls", true,
            "RestrictPublicBuckets", true);
    template.allResourcesProperties(
        "AWS::S3::Bucket", Match.objectLike(Map.of("PublicAccessBlockConfiguration", blocked)));
    template.allResourcesProperties(
        "AWS::S3::Bucket",
        Match.objectLike(Map.of("BucketEncryption", Match.objectLike(Map.of()))));
    template.resourcePropertiesCountIs(
        "AWS::S3::Bucket",
        Match.objectLike(Map.of("VersioningConfiguration", Map.of("Status", "Enabled"))),
        Buckets.ALL.size());
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Prefix", Buckets.RESULTS,
                                    "ExpirationInDays", Data.RESULTS_DAYS,
                                    "Status", "Enabled"))))))));
    template.allResourcesProperties(
        "AWS::S3::BucketPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of(
                                            "Bool",
                                            Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  void queues_are_encrypted_and_redrive_to_their_dead_letter_queue_as_locally() {
    template.allResourcesProperties(
        "AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
    String jobsDlq = logicalId("AWS::SQS::Queue", "DataJobsDlqQueue");
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Match.objectLike(
            Map.of(
                "VisibilityTimeout",
                (int) Queues.JOBS.visibilityTimeout().toSeconds(),
                "RedrivePolicy",
                Map.of(
                    "deadLetterTargetArn",
                    Map.of("Fn::GetAtt", List.of(jobsDlq, "Arn")),
                    "maxReceiveCount",
                    Queues.MAX_RECEIVES))));
  }

  @Test
  void every_handler_runs_with_snapstart_on_published_versions_behind_the_live_alias() {
    List<JsonNode> handlers = functions("Handlers");
    assertThat(handlers).hasSize(8);
    for (JsonNode f : handlers) {
      JsonNode p = f.path("Properties");
      assertThat(p.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
      assertThat(p.path("TracingConfig").path("Mode").asText()).isEqualTo("Active");
      assertThat(p.path("Runtime").asText()).startsWith("java");
      assertThat(p.path("Handler").asText())
          .startsWith("dev.mljobs.handlers.")
          .endsWith("::handleRequest");
      assertThat(p.path("Environment").path("Variables").path("POWERTOOLS_SERVICE_NAME").asText())
          .startsWith("mljobs-");
    }
    template.resourcePropertiesCountIs(
        "AWS::Lambda::Alias",
        Match.objectLike(
            Map.of(
                "Name",
                JavaFunction.ALIAS,
                "FunctionVersion",
                Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version"))))),
        8);
  }

  @Test
  void the_queues_feed_the_aliases_with_partial_batch_failures_and_a_maximum_concurrency() {
    List<JsonNode> mappings = all("AWS::Lambda::EventSourceMapping");
    assertThat(mappings).hasSize(2);
    for (JsonNode m : mappings) {
      JsonNode p = m.path("Properties");
      assertThat(p.path("FunctionResponseTypes").toString())
          .isEqualTo("[\"ReportBatchItemFailures\"]");
      assertThat(p.path("ScalingConfig").path("MaximumConcurrency").asInt())
          .isEqualTo(Handlers.MAX_CONCURRENCY);
      // the alias' qualified name: function name (from the alias ARN) + ":live"
      assertThat(p.path("FunctionName").toString())
          .matches(".*\\{\"Ref\":\"Handlers(Dispatch|Webhooks)Alias\\w+\"}.*")
          .endsWith("\":" + JavaFunction.ALIAS + "\"]]}");
    }
  }

  @Test
  void the_state_machine_is_the_asl_file_with_every_placeholder_given_a_value() {
    String asl = Workflow.read(Synth.ROOT);
    JsonNode p = only("AWS::StepFunctions::StateMachine").path("Properties");
    assertThat(p.path("DefinitionString").asText()).isEqualTo(asl);
    Set<String> substituted = new TreeSet<>();
    p.path("DefinitionSubstitutions").fieldNames().forEachRemaining(substituted::add);
    assertThat(substituted).isEqualTo(placeholdersIn(asl));
    assertThat(substituted)
        .isEqualTo(Arrays.stream(Placeholder.values()).map(Enum::name).collect(Collectors.toSet()));
    p.path("DefinitionSubstitutions")
        .forEach(v -> assertThat(v.isObject()).as("a reference to a resource: " + v).isTrue());
    assertThat(p.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
    assertThat(p.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
    assertThat(p.path("DefinitionSubstitutions").path("StepsFunction").toString())
        .contains("HandlersStepsAlias");
  }

  @Test
  void every_route_but_the_health_check_and_the_progress_callback_needs_a_jwt() {
    List<String> routes = new ArrayList<>();
    for (JsonNode r : all("AWS::ApiGatewayV2::Route")) {
      String key = r.path("Properties").path("RouteKey").asText();
      routes.add(key);
      String expected = Api.PUBLIC_ROUTES.contains(key) ? "NONE" : "JWT";
      assertThat(r.path("Properties").path("AuthorizationType").asText())
          .as(key)
          .isEqualTo(expected);
    }
    assertThat(routes).containsAll(Api.PUBLIC_ROUTES).contains("GET /{proxy+}", "POST /{proxy+}");
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Authorizer",
        Match.objectLike(
            Map.of(
                "AuthorizerType",
                "JWT",
                "IdentitySource",
                List.of("$request.header.Authorization"))));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Match.objectLike(
            Map.of(
                "AccessLogSettings",
                    Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*claims.sub.*"))),
                "DefaultRouteSettings",
                    Map.of(
                        "ThrottlingRateLimit", Api.RATE_LIMIT,
                        "ThrottlingBurstLimit", Api.BURST_LIMIT))));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Api",
        Match.objectLike(
            Map.of(
                "CorsConfiguration",
                Match.objectLike(Map.of("AllowOrigins", List.of("http://localhost:3000"))))));
  }

  @Test
  void the_gpu_job_definition_asks_for_one_gpu_on_a_compute_environment_that_idles_at_zero() {
    template.hasResourceProperties(
        "AWS::Batch::JobDefinition",
        Match.objectLike(
            Map.of(
                "ContainerProperties",
                Match.objectLike(
                    Map.of(
                        "ResourceRequirements",
                        Match.arrayWith(List.of(Map.of("Type", "GPU", "Value", "1"))))))));
    template.hasResourceProperties(
        "AWS::Batch::ComputeEnvironment",
        Match.objectLike(
            Map.of("ComputeResources", Match.objectLike(Map.of("MinvCpus", 0, "Type", "EC2")))));
    template.resourceCountIs("AWS::EC2::NatGateway", 0);
  }

  @Test
  void every_alarm_goes_to_the_topic() {
    String topic = logicalId("AWS::SNS::Topic", "OperationsAlarms");
    List<JsonNode> alarms = all("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSizeGreaterThanOrEqualTo(6 * 2 + 2 + 1 + 1);
    for (JsonNode a : alarms) {
      assertThat(a.path("Properties").path("AlarmActions").toString())
          .isEqualTo("[{\"Ref\":\"" + topic + "\"}]");
    }
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventPattern", Match.objectLike(Map.of("source", List.of("aws.batch"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", topic)))))));
  }

  @Test
  void every_log_group_has_a_retention() {
    for (JsonNode g : all("AWS::Logs::LogGroup")) {
      assertThat(g.path("Properties").path("RetentionInDays").asInt()).isPositive();
    }
  }

  @Test
  void the_reconciler_runs_every_minute_in_the_schedule_group() {
    template.hasResourceProperties(
        "AWS::Scheduler::Schedule",
        Match.objectLike(
            Map.of(
                "ScheduleExpression",
                "rate(1 minute)",
                "GroupName",
                MljobsStack.SCHEDULE_GROUP,
                "Target",
                Match.objectLike(
                    Map.of(
                        "Arn",
                        Map.of("Ref", Match.stringLikeRegexp("HandlersReconcileAlias.*")))))));
    template.hasResourceProperties(
        "AWS::Scheduler::ScheduleGroup", Map.of("Name", MljobsStack.SCHEDULE_GROUP));
  }

  @Test
  void objects_created_under_inputs_and_uploads_invoke_the_trigger_and_upload_trigger_aliases() {
    template.hasResourceProperties(
        "Custom::S3BucketNotifications",
        Match.objectLike(
            Map.of(
                "NotificationConfiguration",
                Match.objectLike(
                    Map.of(
                        "LambdaFunctionConfigurations",
                        List.of(
                            created(Buckets.INPUTS, "HandlersTriggerAlias.*"),
                            created(Buckets.UPLOADS, "HandlersUploadsAlias.*")))))));
    // S3 may invoke each alias: a permission per alias, from the data bucket
    for (String alias : List.of("HandlersTriggerAlias", "HandlersUploadsAlias")) {
      template.hasResourceProperties(
          "AWS::Lambda::Permission",
          Match.objectLike(
              Map.of(
                  "Action",
                  "lambda:InvokeFunction",
                  "Principal",
                  "s3.amazonaws.com",
                  "FunctionName",
                  Map.of("Ref", Match.stringLikeRegexp(alias + ".*")),
                  "SourceArn",
                  Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))));
    }
  }

  private static Object created(String prefix, String aliasPattern) {
    return Match.objectLike(
        Map.of(
            "Events",
            List.of("s3:ObjectCreated:*"),
            "LambdaFunctionArn",
            Map.of("Ref", Match.stringLikeRegexp(aliasPattern)),
            "Filter",
            Map.of(
                "Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", prefix))))));
  }

  @Test
  void the_new_handlers_run_their_classes_and_read_the_trigger_and_schedule_tables_by_name() {
    Map<String, String> classes =
        Map.of(
            "HandlersUploads", "dev.mljobs.handlers.trigger.UploadTriggerHandler::handleRequest",
            "HandlersSchedule", "dev.mljobs.handlers.schedule.ScheduleHandler::handleRequest");
    classes.forEach(
        (prefix, handler) -> {
          List<JsonNode> found = functions(prefix);
          assertThat(found).as(prefix).hasSize(1);
          assertThat(found.get(0).path("Properties").path("Handler").asText()).isEqualTo(handler);
        });
    for (String prefix : List.of("HandlersApi", "HandlersUploads", "HandlersSchedule")) {
      JsonNode env = functions(prefix).get(0).path("Properties").path("Environment");
      for (TableSpec spec :
          List.of(
              Tables.TRIGGERS, Tables.TRIGGER_JOBS, Tables.SCHEDULES, Tables.SCHEDULE_FIRINGS)) {
        assertThat(env.path("Variables").path(TableNames.variable(spec)).toString())
            .as(prefix + " " + spec.name())
            .contains("Data" + Data.id(spec.name()) + "Table");
      }
    }
  }

  @Test
  void the_api_creates_schedules_targeting_the_schedule_alias_with_the_scheduler_role() {
    JsonNode env =
        functions("HandlersApi").get(0).path("Properties").path("Environment").path("Variables");
    assertThat(env.path(MljobsStack.SCHEDULE_FUNCTION_ARN).toString())
        .isEqualTo(
            "{\"Ref\":\"" + logicalId("AWS::Lambda::Alias", "HandlersScheduleAlias") + "\"}");
    assertThat(env.path(MljobsStack.SCHEDULER_ROLE_ARN).toString())
        .isEqualTo(
            "{\"Fn::GetAtt\":[\"" + logicalId("AWS::IAM::Role", "SchedulerRole") + "\",\"Arn\"]}");
  }

  @Test
  void the_outputs_name_the_api_the_console_the_bucket_the_tables_and_the_user_pool()
      throws Exception {
    Set<String> outputs = new TreeSet<>();
    Synth.sharedJson().path("Outputs").fieldNames().forEachRemaining(outputs::add);
    assertThat(outputs)
        .contains(
            "ApiUrl", "ConsoleUrl", "DataBucket", "JobsTable", "UserPoolId", "UserPoolClientId");
  }

  @Test
  void an_external_issuer_replaces_the_user_pool() throws Exception {
    Synth external =
        Synth.app(
            Map.of(
                "jwtIssuer", "https://issuer.example.com/",
                "jwtAudience", "mljobs-api"));
    external.template.resourceCountIs("AWS::Cognito::UserPool", 0);
    external.template.hasResourceProperties(
        "AWS::ApiGatewayV2::Authorizer",
        Match.objectLike(
            Map.of(
                "JwtConfiguration",
                Map.of(
                    "Issuer", "https://issuer.example.com/", "Audience", List.of("mljobs-api")))));
  }

  private static Set<String> placeholdersIn(String asl) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(asl);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(StateMachineDefinitions.JOB_LIFECYCLE).endsWith(".asl.json");
    return names;
  }

  private static JsonNode tableWithKey(String partitionKey, int indexes) {
    for (JsonNode t : all("AWS::DynamoDB::Table")) {
      JsonNode p = t.path("Properties");
      if (p.path("KeySchema").get(0).path("AttributeName").asText().equals(partitionKey)
          && p.path("GlobalSecondaryIndexes").size() >= indexes) {
        return p;
      }
    }
    throw new AssertionError("no table keyed by " + partitionKey);
  }

  private static List<JsonNode> functions(String prefix) {
    List<JsonNode> found = new ArrayList<>();
    resources
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                  && e.getKey().startsWith(prefix)) {
                found.add(e.getValue());
              }
            });
    return found;
  }

  private static List<JsonNode> all(String type) {
    List<JsonNode> found = new ArrayList<>();
    resources.forEach(
        r -> {
          if (r.path("Type").asText().equals(type)) {
            found.add(r);
          }
        });
    assertThat(found).as(type).isNotEmpty();
    return found;
  }

  private static JsonNode only(String type) {
    List<JsonNode> found = all(type);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String logicalId(String type, String prefix) {
    List<String> ids = new ArrayList<>();
    resources
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)
                  && e.getKey().startsWith(prefix)) {
                ids.add(e.getKey());
              }
            });
    assertThat(ids).as(prefix).hasSize(1);
    return ids.get(0);
  }
}
