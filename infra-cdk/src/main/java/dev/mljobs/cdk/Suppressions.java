package dev.mljobs.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;

/**
 * The cdk-nag findings the stack accepts, each with its rule, the exact finding it applies to and
 * the reason. The wildcard resources accepted here are also checked statement by statement by
 * {@code IamPolicyTest}: a {@code *} resource only with actions that have no narrower one.
 */
final class Suppressions {

  private Suppressions() {}

  private static NagPackSuppression rule(String id, String reason, Object... appliesTo) {
    NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo.length > 0) {
      b.appliesTo(List.of(appliesTo));
    }
    return b.build();
  }

  private static RegexAppliesTo regex(String regex) {
    return RegexAppliesTo.builder().regex(regex).build();
  }

  static final List<NagPackSuppression> STACK =
      List.of(
          rule(
              "AwsSolutions-IAM4",
              "Only CDK's own singleton functions (the S3 bucket notification and the log group"
                  + " resource policy custom resources) keep AWSLambdaBasicExecutionRole; every"
                  + " mljobs function has its own role writing to its own log group.",
              "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
          rule(
              "AwsSolutions-IAM4",
              "The ECS agent on the Batch GPU instances needs AmazonEC2ContainerServiceforEC2Role"
                  + " (register with the cluster, pull from ECR, write container logs).",
              "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"),
          rule(
              "AwsSolutions-IAM5",
              "Objects under one top-level prefix of the data bucket (inputs/, uploads/, models/,"
                  + " results/): keys are made per job and per owner at run time; which owner"
                  + " may name which key is enforced by the code (OwnerSpaces).",
              regex(
                  "/^Resource::<DataDataBucket[0-9A-F]+\\.Arn>\\/(inputs|uploads|models|results)\\/\\*$/g")),
          rule(
              "AwsSolutions-IAM5",
              "Executions of the one job lifecycle state machine, named after job ids at run time.",
              regex(
                  "/^Resource::arn:<AWS::Partition>:states:(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]+):execution:[A-Za-z0-9-]+-jobs:\\*$/g")),
          rule(
              "AwsSolutions-IAM5",
              "The users' schedules of the one mljobs schedule group, named after schedule ids at"
                  + " run time (EventBridgeScheduleTriggers.name); the API lets an owner touch"
                  + " only its own.",
              regex(
                  "/^Resource::arn:<AWS::Partition>:scheduler:(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]+):schedule\\/"
                      + MljobsStack.SCHEDULE_GROUP
                      + "\\/\\*$/g")),
          rule(
              "AwsSolutions-IAM5",
              "Batch job ids are made by SubmitJob at run time (TerminateJob on a cancelled job);"
                  + " SubmitJob may use any revision of the one GPU job definition.",
              regex(
                  "/^Resource::arn:<AWS::Partition>:batch:(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]+):job\\/\\*$/g"),
              regex(
                  "/^Resource::arn:<AWS::Partition>:batch:(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]+):job-definition\\/"
                      + Compute.JOB_DEFINITION
                      + ":\\*$/g")),
          rule(
              "AwsSolutions-IAM5",
              "Actions without resource-level permissions: X-Ray PutTraceSegments and"
                  + " PutTelemetryRecords, Batch DescribeJobs, ECR GetAuthorizationToken, CloudWatch Logs' log delivery"
                  + " actions of Step Functions and of EventBridge's log group target. IamPolicyTest"
                  + " asserts that no other action gets a '*' resource.",
              "Resource::*"),
          rule(
              "AwsSolutions-COG3",
              "Cognito's threat protection (advanced security) is billed per monthly active user;"
                  + " MFA is required and self sign-up is off. Turn it on for a public deployment."),
          rule(
              "AwsSolutions-SMG4",
              "The callback secret signs the workers' progress tokens of running jobs; rotating it"
                  + " by schedule would reject the tokens of every running job. Rotate it by"
                  + " redeploying between jobs."));

  static void apply(Stack stack) {
    NagSuppressions.addStackSuppressions(stack, STACK, true);
    for (String route : Api.PUBLIC_ROUTES) {
      String[] parts = route.split(" ");
      String path =
          "/"
              + stack.getStackName()
              + "/Api/Http/"
              + parts[0]
              + parts[1].replace("/", "--")
              + "/Resource";
      NagSuppressions.addResourceSuppressionsByPath(
          stack,
          path,
          List.of(
              rule(
                  "AwsSolutions-APIG4",
                  route.startsWith("GET")
                      ? "The health check is public on purpose: load balancers and uptime probes"
                          + " call it without a token; it returns no data."
                      : "Workers report progress with their job's own callback token, checked by"
                          + " the API function; they have no user's JWT.")));
    }
  }
}
