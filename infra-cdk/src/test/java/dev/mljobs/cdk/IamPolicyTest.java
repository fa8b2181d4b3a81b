package dev.mljobs.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every IAM statement of every function, read from the synthesised template: each function's role
 * has exactly the actions its wiring calls, on the resources named here, and no statement has a
 * {@code *} action, or a {@code *} resource where the action has a narrower one.
 */
class IamPolicyTest {

  /** Actions that take no resource-level permission: the only ones allowed a "*" resource. */
  static final Set<String> STAR_ONLY =
      Set.of(
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "batch:DescribeJobs",
          "ecr:GetAuthorizationToken",
          // Step Functions' and EventBridge's log delivery set-up (CDK's LogOptions, log targets)
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DeleteResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups");

  static final List<String> TABLE_RW =
      List.of(
          "dynamodb:BatchGetItem",
          "dynamodb:ConditionCheckItem",
          "dynamodb:DeleteItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:UpdateItem");
  static final List<String> TABLE_R =
      List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query");
  static final List<String> LOGS_XRAY =
      List.of(
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "xray:PutTelemetryRecords",
          "xray:PutTraceSegments");
  static final List<String> JOB_SERVICE =
      List.of(
          "events:PutEvents",
          "sqs:SendMessage",
          "states:DescribeExecution",
          "states:StartExecution",
          "states:StopExecution");
  static final List<String> SQS_CONSUMER =
      List.of(
          "sqs:ChangeMessageVisibility",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage");

  static final List<String> SCHEDULER =
      List.of(
          "scheduler:CreateSchedule",
          "scheduler:DeleteSchedule",
          "scheduler:GetSchedule",
          "scheduler:UpdateSchedule");

  static JsonNode resources;

  @BeforeAll
  static void synthesise() throws Exception {
    resources = Synth.shared().json().path("Resources");
  }

  @Test
  void each_function_role_has_exactly_the_actions_its_wiring_uses() {
    Map<String, Set<String>> expected = new TreeMap<>();
    expected.put(
        "HandlersApiRole",
        set(
            LOGS_XRAY,
            TABLE_RW,
            JOB_SERVICE,
            s3("GetObject", "ListBucket", "PutObject"),
            SCHEDULER,
            List.of("iam:PassRole")));
    expected.put("HandlersDispatchRole", set(LOGS_XRAY, TABLE_RW, JOB_SERVICE, SQS_CONSUMER));
    expected.put("HandlersReconcileRole", set(LOGS_XRAY, TABLE_RW, JOB_SERVICE));
    expected.put("HandlersTriggerRole", set(LOGS_XRAY, TABLE_RW, JOB_SERVICE, s3("GetObject")));
    expected.put("HandlersUploadsRole", set(LOGS_XRAY, TABLE_RW, JOB_SERVICE, s3("GetObject")));
    expected.put("HandlersScheduleRole", set(LOGS_XRAY, TABLE_RW, JOB_SERVICE));
    expected.put("SchedulerRole", set(List.of("lambda:InvokeFunction", "sqs:SendMessage")));
    expected.put(
        "HandlersStepsRole",
        set(LOGS_XRAY, TABLE_RW, JOB_SERVICE, s3("GetObject", "ListBucket", "PutObject")));
    expected.put(
        "HandlersWebhooksRole", set(LOGS_XRAY, TABLE_RW, List.of("sqs:SendMessage"), SQS_CONSUMER));
    expected.put("ComputeWorkerRole", set(LOGS_XRAY, s3("GetObject", "ListBucket", "PutObject")));
    expected.put("ComputeGpuJobRole", set(s3("GetObject", "ListBucket", "PutObject")));

    Map<String, Set<String>> actual = new TreeMap<>();
    expected.keySet().forEach(role -> actual.put(role, actionsOf(role)));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void tables_are_granted_per_table_and_per_named_index_never_by_wildcard() {
    List<String> wildcards = new ArrayList<>();
    statements()
        .forEach(
            s -> {
              if (s.path("Action").toString().contains("dynamodb:")) {
                for (JsonNode r : list(s.path("Resource"))) {
                  if (r.toString().contains("/index/*") || r.asText().equals("*")) {
                    wildcards.add(r.toString());
                  }
                }
              }
            });
    assertThat(wildcards).isEmpty();
  }

  @Test
  void a_function_reads_a_table_it_only_reads_and_writes_none_it_does_not_use() {
    // the webhook sender reads the secrets, never writes them; steps and trigger read models
    assertThat(tableActions("HandlersWebhooksRole", "DataWebhookSecretsTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_R);
    assertThat(tableActions("HandlersStepsRole", "DataModelsTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_R);
    assertThat(tableActions("HandlersDispatchRole", "DataModelsTable")).isEmpty();
    assertThat(tableActions("HandlersDispatchRole", "DataWebhookSecretsTable")).isEmpty();
  }

  @Test
  void the_trigger_and_schedule_tables_are_granted_to_the_functions_that_use_them_only() {
    for (String table :
        List.of(
            "DataTriggersTable",
            "DataTriggerJobsTable",
            "DataSchedulesTable",
            "DataScheduleFiringsTable")) {
      assertThat(tableActions("HandlersApiRole", table))
          .as(table)
          .containsExactlyInAnyOrderElementsOf(TABLE_RW);
      for (String role :
          List.of(
              "HandlersDispatchRole",
              "HandlersStepsRole",
              "HandlersReconcileRole",
              "HandlersTriggerRole",
              "HandlersWebhooksRole")) {
        assertThat(tableActions(role, table)).as(role + " " + table).isEmpty();
      }
    }
    assertThat(tableActions("HandlersUploadsRole", "DataTriggersTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_RW);
    assertThat(tableActions("HandlersUploadsRole", "DataTriggerJobsTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_RW);
    assertThat(tableActions("HandlersUploadsRole", "DataTemplatesTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_R);
    assertThat(tableActions("HandlersUploadsRole", "DataSchedulesTable")).isEmpty();
    assertThat(tableActions("HandlersScheduleRole", "DataSchedulesTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_RW);
    assertThat(tableActions("HandlersScheduleRole", "DataScheduleFiringsTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_RW);
    assertThat(tableActions("HandlersScheduleRole", "DataTemplatesTable"))
        .containsExactlyInAnyOrderElementsOf(TABLE_R);
    assertThat(tableActions("HandlersScheduleRole", "DataTriggersTable")).isEmpty();
  }

  @Test
  void the_api_manages_only_the_groups_schedules_and_passes_only_the_scheduler_role() {
    JsonNode scheduler = statementWith("HandlersApiRole", "scheduler:CreateSchedule");
    assertThat(texts(scheduler.path("Action"))).containsExactlyInAnyOrderElementsOf(SCHEDULER);
    assertThat(list(scheduler.path("Resource"))).hasSize(1);
    assertThat(scheduler.path("Resource").toString())
        .contains(":schedule/" + MljobsStack.SCHEDULE_GROUP + "/*");
    JsonNode pass = statementWith("HandlersApiRole", "iam:PassRole");
    assertThat(list(pass.path("Resource"))).hasSize(1);
    assertThat(pass.path("Resource").toString()).contains("SchedulerRole");
    assertThat(pass.path("Condition").toString()).contains("scheduler.amazonaws.com");
  }

  @Test
  void the_scheduler_role_invokes_only_the_reconcile_and_schedule_aliases() {
    JsonNode invoke = statementWith("SchedulerRole", "lambda:InvokeFunction");
    assertThat(list(invoke.path("Resource"))).hasSize(2);
    assertThat(invoke.path("Resource").toString())
        .contains("HandlersReconcileAlias")
        .contains("HandlersScheduleAlias");
  }

  private static JsonNode statementWith(String role, String action) {
    return statementsOf(role).stream()
        .filter(s -> texts(s.path("Action")).contains(action))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void no_statement_has_a_wildcard_action_or_a_wildcard_resource_a_narrower_one_could_replace() {
    List<String> offending = new ArrayList<>();
    statements()
        .forEach(
            s -> {
              List<String> actions = texts(s.path("Action"));
              actions.stream()
                  .filter(a -> a.contains("*"))
                  .forEach(a -> offending.add("action " + a));
              boolean star =
                  list(s.path("Resource")).stream().anyMatch(r -> "*".equals(r.asText()));
              if (star) {
                actions.stream()
                    .filter(a -> !STAR_ONLY.contains(a))
                    .forEach(a -> offending.add("'*' resource for " + a));
              }
            });
    assertThat(offending).isEmpty();
  }

  @Test
  void our_functions_roles_carry_no_managed_policy() {
    resources
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::IAM::Role")
                  && (e.getKey().startsWith("Handlers")
                      || e.getKey().startsWith("ComputeWorker"))) {
                assertThat(
                        e.getValue().path("Properties").path("ManagedPolicyArns").isMissingNode())
                    .as(e.getKey())
                    .isTrue();
              }
            });
  }

  @Test
  void the_state_machine_may_terminate_batch_jobs_and_invoke_only_its_two_functions() {
    Set<String> actions = actionsOf("WorkflowJobLifecycleRole");
    assertThat(actions).contains("batch:SubmitJob", "batch:TerminateJob", "batch:DescribeJobs");
    assertThat(actions).doesNotContain("batch:CancelJob");
    JsonNode invoke =
        statementsOf("WorkflowJobLifecycleRole").stream()
            .filter(s -> texts(s.path("Action")).contains("lambda:InvokeFunction"))
            .findFirst()
            .orElseThrow();
    assertThat(invoke.path("Resource").toString())
        .contains("HandlersStepsAlias")
        .contains("ComputeWorker");
    assertThat(list(invoke.path("Resource"))).hasSize(2);
  }

  private static List<String> s3(String... actions) {
    return java.util.Arrays.stream(actions).map(a -> "s3:" + a).toList();
  }

  @SafeVarargs
  private static Set<String> set(List<String>... lists) {
    Set<String> all = new TreeSet<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  private static Set<String> tableActions(String role, String tableLogicalIdPrefix) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode s : statementsOf(role)) {
      if (s.path("Resource").toString().contains("\"" + tableLogicalIdPrefix)) {
        actions.addAll(texts(s.path("Action")));
      }
    }
    return actions;
  }

  private static Set<String> actionsOf(String rolePrefix) {
    Set<String> actions = new TreeSet<>();
    statementsOf(rolePrefix).forEach(s -> actions.addAll(texts(s.path("Action"))));
    return actions;
  }

  /** The statements of every policy attached to the role whose logical id starts so. */
  private static List<JsonNode> statementsOf(String rolePrefix) {
    List<JsonNode> statements = new ArrayList<>();
    resources
        .properties()
        .forEach(
            e -> {
              JsonNode p = e.getValue().path("Properties");
              if (e.getValue().path("Type").asText().equals("AWS::IAM::Policy")
                  && p.path("Roles").toString().contains("\"" + rolePrefix)) {
                p.path("PolicyDocument").path("Statement").forEach(statements::add);
              }
            });
    assertThat(statements).as("statements of " + rolePrefix).isNotEmpty();
    return statements;
  }

  private static List<JsonNode> statements() {
    List<JsonNode> statements = new ArrayList<>();
    resources
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::IAM::Policy")) {
                e.getValue()
                    .path("Properties")
                    .path("PolicyDocument")
                    .path("Statement")
                    .forEach(statements::add);
              }
            });
    assertThat(statements).hasSizeGreaterThan(20);
    return statements;
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(all::add);
    } else if (!node.isMissingNode()) {
      all.add(node);
    }
    return all;
  }

  private static List<String> texts(JsonNode node) {
    return list(node).stream().map(JsonNode::asText).toList();
  }
}
