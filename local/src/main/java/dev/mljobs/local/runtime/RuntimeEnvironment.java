package dev.mljobs.local.runtime;

import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.QueueSpec;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.handlers.HandlerSettings;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The environment variables the handlers get locally: the same names the CDK stack sets in AWS,
 * with endpoints pointing at the local services.
 */
final class RuntimeEnvironment {

  private final LocalAws aws;
  private final URI stepFunctions;
  private final URI api;
  private final String callbackSecret;

  RuntimeEnvironment(LocalAws aws, URI stepFunctions, URI api, String callbackSecret) {
    this.aws = aws;
    this.stepFunctions = stepFunctions;
    this.api = api;
    this.callbackSecret = callbackSecret;
  }

  URI stepFunctions() {
    return stepFunctions;
  }

  /** The base settings: region, credentials and endpoints of the local services. */
  Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", LocalClients.REGION.id());
    env.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoDbEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", aws.s3Endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SFN", stepFunctions.toString());
    env.put("TABLE_PREFIX", LocalAws.NAME_PREFIX);
    env.put("MLJOBS_HTTP_CLIENT", "apache");
    // metrics as EMF lines on stdout, one line each, as in Lambda (EMF would look for an agent)
    env.put("AWS_EMF_ENVIRONMENT", "Local");
    return env;
  }

  /** What the worker gets (the Batch job definition, the function): region, credentials, S3. */
  Map<String, String> forBatchWorker() {
    Map<String, String> env = new HashMap<>();
    for (String name :
        new String[] {
          "AWS_REGION",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_ENDPOINT_URL_S3",
          "AWS_EMF_ENVIRONMENT"
        }) {
      env.put(name, base().get(name));
    }
    return env;
  }

  Map<String, String> forHandlers(String stateMachineArn, URI scheduler, Options options) {
    Map<String, String> env = base();
    env.put(HandlerSettings.MAX_RUNNING_JOBS, Integer.toString(options.maxRunning()));
    env.put(
        HandlerSettings.MAX_RUNNING_JOBS_PER_OWNER, Integer.toString(options.maxRunningPerOwner()));
    env.put("AWS_ENDPOINT_URL_SCHEDULER", scheduler.toString());
    env.put(QueueNames.urlVariable(Queues.JOBS), aws.queueUrl(Queues.JOBS));
    env.put(HandlerSettings.JOB_STATE_MACHINE_ARN, stateMachineArn);
    env.put(HandlerSettings.CALLBACK_SECRET, callbackSecret);
    env.put(HandlerSettings.CALLBACK_BASE_URL, api.toString());
    env.put(QueueNames.urlVariable(Queues.WEBHOOKS), aws.queueUrl(Queues.WEBHOOKS));
    // plain http webhooks locally; private and loopback receivers only through the allow-list
    env.put("MLJOBS_CALLBACK_HTTP", "true");
    // the target of every schedule's Scheduler schedule, as the stack sets it in AWS
    env.put(HandlerSettings.SCHEDULE_FUNCTION_ARN, Functions.arn(Functions.SCHEDULE));
    env.put(HandlerSettings.SCHEDULER_ROLE_ARN, StateMachines.ROLE);
    env.putAll(options.handlerSettings());
    return env;
  }

  String queueArn(QueueSpec queue) {
    return aws.sqs()
        .getQueueAttributes(
            b -> b.queueUrl(aws.queueUrl(queue)).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }
}
