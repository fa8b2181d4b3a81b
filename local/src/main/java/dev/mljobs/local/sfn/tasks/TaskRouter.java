package dev.mljobs.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.local.asl.StatesError;
import dev.mljobs.local.asl.TaskContext;
import dev.mljobs.local.asl.TaskHandler;
import dev.mljobs.local.asl.TaskRequest;
import dev.mljobs.local.lambda.LocalFunctions;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Routes each Task state's resource to what serves it locally: in-process Lambda functions, the
 * local DynamoDB, or a local process for Batch jobs.
 */
public final class TaskRouter implements TaskHandler {

  private static final String STATES = "arn:aws:states:::";

  private final LambdaTasks lambda;
  private final DynamoDbTasks dynamo;
  private final BatchTasks batch;

  /**
   * @param batchLogs where the stdout and stderr of Batch job processes are written
   */
  public TaskRouter(
      LocalFunctions functions,
      DynamoDbClient dynamo,
      List<BatchJobDefinition> batchJobDefinitions,
      Path batchLogs) {
    this.lambda = new LambdaTasks(functions);
    this.dynamo = new DynamoDbTasks(dynamo);
    this.batch = new BatchTasks(batchJobDefinitions, batchLogs);
  }

  @Override
  public JsonNode execute(TaskRequest request, TaskContext context) throws InterruptedException {
    String resource = request.resource();
    if (resource.equals(STATES + "lambda:invoke")) {
      return lambda.invokeOptimized(request);
    }
    if (resource.startsWith("arn:aws:lambda:")) {
      return lambda.invokeFunctionArn(request);
    }
    if (resource.startsWith(STATES + "dynamodb:")) {
      return dynamo.run(resource.substring((STATES + "dynamodb:").length()), request.input());
    }
    if (resource.equals(STATES + "batch:submitJob.sync")) {
      return batch.submitSync(request, context);
    }
    throw new StatesError(
        "States.Runtime", "the local runtime does not serve the resource " + resource);
  }
}
