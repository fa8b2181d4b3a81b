package dev.mljobs.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context of one local invocation: a fresh request id and a deadline, as the Lambda
 * runtime gives a handler in AWS.
 */
public final class LocalContext implements Context {

  private static final LambdaLogger STDOUT =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };

  private final String functionName;
  private final String requestId;
  private final long deadlineMillis;
  private final int memoryMb;

  public LocalContext(String functionName, long timeoutMillis, int memoryMb) {
    this(UUID.randomUUID().toString(), functionName, timeoutMillis, memoryMb);
  }

  /**
   * The context of one attempt of an invocation with a known request id: Lambda retries an
   * asynchronous invocation under its first attempt's id, which handlers may use to spot a retry.
   */
  public LocalContext(String requestId, String functionName, long timeoutMillis, int memoryMb) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
    this.memoryMb = memoryMb;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return STDOUT;
  }
}
