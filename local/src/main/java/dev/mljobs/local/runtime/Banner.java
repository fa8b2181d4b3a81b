package dev.mljobs.local.runtime;

/** What the runtime prints once it is ready: where, with which key, and a request to paste. */
final class Banner {

  private Banner() {}

  static String of(LocalRuntime runtime) {
    Options o = runtime.options();
    String url = runtime.apiUrl().toString();
    StringBuilder b = new StringBuilder();
    b.append("mljobs local runtime ready in ")
        .append(runtime.startupTime().toMillis())
        .append(" ms\n");
    b.append("  API        ").append(url).append('\n');
    b.append("  API key    ").append(o.apiKey());
    b.append(o.apiKeyGenerated() ? "   (generated; set MLJOBS_API_KEY to choose one)\n" : "\n");
    b.append("  data       ")
        .append(o.inMemory() ? "in memory (nothing is kept)" : o.dataDir().toAbsolutePath())
        .append('\n');
    b.append("  AWS APIs   DynamoDB ").append(runtime.aws().dynamoDbEndpoint());
    b.append("  SQS ").append(runtime.aws().sqsEndpoint());
    b.append("  S3 ").append(runtime.aws().s3Endpoint()).append('\n');
    b.append("             Step Functions ").append(runtime.stepFunctionsEndpoint());
    b.append("  Scheduler ").append(runtime.schedulerEndpoint()).append('\n');
    b.append("\nTry:\n");
    b.append("  curl -s -X POST ").append(url).append("/v1/jobs \\\n");
    b.append("    -H 'Authorization: Bearer ").append(o.apiKey()).append("' \\\n");
    b.append("    -H 'Content-Type: application/json' \\\n");
    b.append("    -d '{\"job_type\": \"sleep\", \"params\": {\"seconds\": 2}}'\n");
    b.append("  curl -s ")
        .append(url)
        .append("/v1/jobs -H 'Authorization: Bearer ")
        .append(o.apiKey())
        .append("'\n");
    b.append("\nCtrl-C stops it.");
    return b.toString();
  }
}
