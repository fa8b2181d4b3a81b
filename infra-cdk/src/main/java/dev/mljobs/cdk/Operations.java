package dev.mljobs.cdk;

import dev.mljobs.aws.sqs.Queues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms to one SNS topic (dead letters, failed executions, the API's 5xx rate, Lambda errors and
 * throttles; failed Batch jobs through an EventBridge rule, as Batch publishes no such metric) and
 * one dashboard.
 */
final class Operations extends Construct {

  /** The API's 5xx share that pages, in percent of requests over five minutes. */
  static final int API_5XX_PERCENT = 5;

  final Topic alarms;
  final List<Alarm> all = new ArrayList<>();
  final Dashboard dashboard;

  Operations(
      Construct scope,
      String id,
      Data data,
      Handlers handlers,
      Compute compute,
      Workflow workflow,
      Api api,
      String email) {
    super(scope, id);
    Key key =
        Key.Builder.create(this, "AlarmsKey")
            .enableKeyRotation(true)
            .description("encrypts the mljobs alarm topic")
            .build();
    // CloudWatch and EventBridge publish to the encrypted topic: they must use its key
    for (String service : List.of("cloudwatch.amazonaws.com", "events.amazonaws.com")) {
      key.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .principals(List.of(new ServicePrincipal(service)))
              .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
              .resources(List.of("*"))
              .build());
    }
    alarms = Topic.Builder.create(this, "Alarms").masterKey(key).enforceSsl(true).build();
    if (email != null) {
      alarms.addSubscription(new EmailSubscription(email));
    }
    SnsAction notify = new SnsAction(alarms);

    data.queues.forEach(
        (spec, queue) -> {
          if (spec.equals(Queues.JOBS_DLQ) || spec.equals(Queues.WEBHOOKS_DLQ)) {
            alarm(
                Data.id(spec.name()) + "NotEmpty",
                queue.metricApproximateNumberOfMessagesVisible(),
                0,
                "dead letters in " + spec.name());
          }
        });
    alarm(
        "ExecutionsFailed",
        workflow.stateMachine.metricFailed(),
        0,
        "job lifecycle executions failed (a job could not be driven to its end)");
    MathExpression fiveXx =
        MathExpression.Builder.create()
            .expression("100 * errors / MAX([errors, requests])")
            .usingMetrics(
                Map.of(
                    "errors", apiMetric(api, "5xx"),
                    "requests", apiMetric(api, "Count")))
            .period(Duration.minutes(5))
            .label("API 5xx %")
            .build();
    alarm("Api5xxRate", fiveXx, API_5XX_PERCENT, "the API answers 5xx to over 5% of requests");
    for (JavaFunction f : handlers.all()) {
      String name = f.getNode().getId();
      alarm(name + "Errors", f.function.metricErrors(), 0, name + " function errors");
      alarm(name + "Throttles", f.function.metricThrottles(), 0, name + " function throttled");
    }
    alarm("WorkerErrors", compute.worker.metricErrors(), 0, "worker function errors");
    alarm("WorkerThrottles", compute.worker.metricThrottles(), 0, "worker function throttled");
    all.forEach(a -> a.addAlarmAction(notify));

    Rule.Builder.create(this, "BatchJobFailed")
        .description("a GPU job failed on AWS Batch")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.batch"))
                .detailType(List.of("Batch Job State Change"))
                .detail(
                    Map.of(
                        "status",
                        List.of("FAILED"),
                        "jobQueue",
                        List.of(compute.jobQueue.getJobQueueArn())))
                .build())
        .targets(List.of(new SnsTopic(alarms)))
        .build();

    dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .dashboardName("mljobs")
            .widgets(
                List.of(
                    List.of(
                        graph(
                            "Jobs per end status (executions)",
                            workflow.stateMachine.metricSucceeded(),
                            workflow.stateMachine.metricFailed(),
                            workflow.stateMachine.metricAborted(),
                            workflow.stateMachine.metricTimedOut()),
                        graph(
                            "Dispatch queue: age of the oldest message (s)",
                            data.queues.get(Queues.JOBS).metricApproximateAgeOfOldestMessage())),
                    List.of(
                        graph(
                            "Run duration (execution time, ms)",
                            workflow.stateMachine.metricTime()),
                        graph(
                            "API latency (ms)",
                            apiMetric(api, "Latency")
                                .with(
                                    software.amazon.awscdk.services.cloudwatch.MetricOptions
                                        .builder()
                                        .statistic("p50")
                                        .build()),
                            apiMetric(api, "Latency")
                                .with(
                                    software.amazon.awscdk.services.cloudwatch.MetricOptions
                                        .builder()
                                        .statistic("p99")
                                        .build())))))
            .build();
  }

  private void alarm(String id, IMetric metric, double threshold, String description) {
    all.add(
        Alarm.Builder.create(this, id)
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .alarmDescription(description)
            .build());
  }

  private static Metric apiMetric(Api api, String name) {
    return Metric.Builder.create()
        .namespace("AWS/ApiGateway")
        .metricName(name)
        .dimensionsMap(Map.of("ApiId", api.httpApi.getApiId()))
        .statistic("Sum")
        .period(Duration.minutes(5))
        .build();
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(12).build();
  }
}
